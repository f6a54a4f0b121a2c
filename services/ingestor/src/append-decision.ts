import type { AppendRequest, AppendResult } from '@c360/event-store';
import { identifierStream, type CustomerEvent } from '@c360/identity';
import type { BatchDependencies, BatchOutcome } from './batch';
import type { Decision } from './decide';

/** An appended decision, with the customers whose state proved stale (see `appendDecision`). */
export interface Appended {
  outcome: BatchOutcome;
  stale: Set<string>;
}

/**
 * Appends a decision's claims and customer events, then keeps in the cache what is
 * now stored. `stale` names the customers whose append came back at another revision
 * than the decision expected — an idempotent no-op on a stream that had moved on: the
 * decision was made on a stale cached state (another instance had recorded the same),
 * so that state is dropped and its events count as duplicates. A no-op that lands
 * exactly where the stale state expected cannot be told apart here; the store still
 * holds the events once, and the next append on the stale state fails its revision
 * check. On an error the cache is left to the caller (`forgetBasis`).
 */
export async function appendDecision(decision: Decision, deps: BatchDependencies): Promise<Appended> {
  const claimRequests: AppendRequest[] = decision.claims.map(({ ref, event }) => ({
    streamId: identifierStream(ref.type, ref.hash),
    expectedRevision: 'no_stream',
    events: [event],
  }));
  const customerRequests = decision.writes.map((w) => w.request);
  let results: AppendResult[];
  if (deps.store.capabilities.atomicMultiStreamAppend) {
    results = (await deps.store.appendMany([...claimRequests, ...customerRequests])).slice(claimRequests.length);
  } else {
    // Claims first: a stop between the two leaves claimed-but-unlinked identifiers,
    // which the next decision links (never a customer holding what it failed to claim).
    if (claimRequests.length > 0) await deps.store.appendMany(claimRequests);
    results = customerRequests.length > 0 ? await deps.store.appendMany(customerRequests) : [];
  }
  const stale = new Set<string>();
  decision.writes.forEach((w, i) => {
    if (results[i]!.nextExpectedRevision !== w.before + BigInt(w.events.length)) stale.add(w.state.customerId);
  });

  const outcome: BatchOutcome = {
    recorded: 0,
    duplicates: decision.duplicates,
    merges: 0,
    conflicts: 0,
    customersCreated: 0,
  };
  for (const w of decision.writes) {
    for (const { event } of w.events) count(outcome, event, stale.has(w.state.customerId));
  }
  deps.cache.forget(stale);
  for (const w of decision.writes) if (!stale.has(w.state.customerId)) deps.cache.remember(w.state);
  for (const { ref, event } of decision.claims)
    deps.cache.rememberOwner(ref, (event.data as { customerId: string }).customerId);
  return { outcome, stale };
}

function count(outcome: BatchOutcome, event: CustomerEvent, alreadyStored: boolean): void {
  if (alreadyStored) {
    if (event.type === 'TouchpointRecorded') outcome.duplicates += 1;
    return;
  }
  if (event.type === 'TouchpointRecorded') outcome.recorded += 1;
  else if (event.type === 'CustomerAbsorbed') outcome.merges += 1;
  else if (event.type === 'IdentityConflictDetected') outcome.conflicts += 1;
  else if (event.type === 'CustomerCreated') outcome.customersCreated += 1;
}
