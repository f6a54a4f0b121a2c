import type { IncomingMessage } from '@c360/bus';
import type { AppendRequest, AppendResult, EventStore, NewEvent } from '@c360/event-store';
import {
  applyCustomerEvent,
  claimEvent,
  customerStream,
  eventId,
  identifierStream,
  initialCustomerState,
  normaliseIdentifier,
  refKey,
  resolveTouchpoint,
  sealCustomerEvent,
  type CustomerEvent,
  type CustomerState,
  type DecisionMetadata,
  type HashedIdentifier,
  type IdentifierRef,
  type IdentityPolicy,
  type Sealer,
} from '@c360/identity';
import type { Touchpoint } from '@c360/touchpoint';
import type { IdentityCache } from './identity-cache';
import type { Lru } from '@c360/lru';

/** What the ingestor needs of the keyring: keyed hashes and per-customer encryption. */
export interface IdentityKeys extends Sealer {
  identifierHash(type: string, value: string): string;
  ensureKeys(customerIds: readonly string[]): Promise<void>;
}

export interface BatchDependencies {
  store: EventStore;
  cache: IdentityCache;
  /** Remembered normalisations and hashes, by identifier type and raw value. */
  hashed?: Lru<string, HashedIdentifier>;
  keys: IdentityKeys;
  policy: IdentityPolicy;
  now: () => Date;
}

export interface DecodedTouchpoint {
  message: IncomingMessage;
  touchpoint: Touchpoint;
}

export interface BatchOutcome {
  recorded: number;
  duplicates: number;
  merges: number;
  conflicts: number;
  customersCreated: number;
}

interface Pending {
  customerId: string;
  /** Revision before this batch: the expected revision of its append. */
  before: bigint;
  events: { event: CustomerEvent & { id: string }; metadata: DecisionMetadata }[];
}

/**
 * Resolves a batch of touchpoints and appends every resulting event in one
 * multi-stream append (one transaction where the store allows it), with the expected
 * revision each decision was made on. Touchpoints are decided in order, each seeing
 * the decisions before it. On any failure nothing of the batch is kept in the cache
 * and the error is thrown: the caller retries the batch, and the deterministic event
 * ids make a retry append only what is missing.
 */
export async function ingestBatch(batch: readonly DecodedTouchpoint[], deps: BatchDependencies): Promise<BatchOutcome> {
  const { policy } = deps;
  const prepared = batch.map(({ message, touchpoint }) => ({
    message,
    touchpoint,
    identifiers: hashIdentifiers(touchpoint, deps),
  }));
  const refs = prepared.flatMap((p) => p.identifiers.flatMap(toRef));
  const owners = await deps.cache.loadOwners(refs);
  const customers = await deps.cache.loadCustomers(owners.values());

  const outcome: BatchOutcome = { recorded: 0, duplicates: 0, merges: 0, conflicts: 0, customersCreated: 0 };
  const claims: { ref: IdentifierRef; event: NewEvent }[] = [];
  const pending = new Map<string, Pending>();
  const recordedAt = deps.now().toISOString();
  try {
    for (const { message, touchpoint, identifiers } of prepared) {
      const resolution = resolveTouchpoint({ touchpoint, identifiers, owners, customers, policy });
      const metadata: DecisionMetadata = {
        causationId: touchpoint.touchpointId,
        correlationId: message.headers['c360-correlation-id'] ?? touchpoint.touchpointId,
        ruleVersion: policy.ruleVersion,
        recordedAt,
      };
      for (const claim of resolution.claims) {
        owners.set(refKey(claim.ref), claim.customerId);
        const streamId = identifierStream(claim.ref.type, claim.ref.hash);
        const data = {
          customerId: claim.customerId,
          identifierType: claim.ref.type,
          touchpointId: touchpoint.touchpointId,
        };
        claims.push({
          ref: claim.ref,
          event: claimEvent(eventId(touchpoint.touchpointId, streamId, 'claim'), data, metadata),
        });
      }
      for (const change of resolution.changes) {
        const state = stateOf(customers, change.customerId);
        const entry = pending.get(change.customerId) ?? {
          customerId: change.customerId,
          before: state.revision,
          events: [],
        };
        pending.set(change.customerId, entry);
        for (const event of change.events) {
          if (state.eventIds.has(event.id)) continue;
          applyCustomerEvent(state, event);
          entry.events.push({ event, metadata });
        }
      }
      if (resolution.duplicate) outcome.duplicates += 1;
    }
    const stale = await append(claims, [...pending.values()], deps);
    for (const entry of pending.values()) {
      for (const { event } of entry.events) count(outcome, event, stale.has(entry.customerId));
    }
    deps.cache.forget(stale);
    for (const id of pending.keys()) if (!stale.has(id)) deps.cache.remember(customers.get(id)!);
  } catch (error) {
    // Every state the batch read, not only those it wrote: a decision that followed a
    // stale merge pointer fails on the stream it wrote to, and must re-read the pointer.
    deps.cache.forget(customers.keys());
    throw error;
  }
  for (const { ref, event } of claims) deps.cache.rememberOwner(ref, (event.data as { customerId: string }).customerId);
  return outcome;
}

/**
 * Appends claims and customer events; answers the customers whose append came back
 * at another revision than the decision expected — an idempotent no-op on a stream
 * that had moved on: the decision was made on a stale cached state (another instance
 * had recorded the same), so that state is dropped. A no-op that lands exactly where
 * the stale state expected cannot be told apart here; the store still holds the
 * events once, and the next append on the stale state fails its revision check.
 */
async function append(
  claims: { event: NewEvent; ref: IdentifierRef }[],
  pending: Pending[],
  deps: BatchDependencies,
): Promise<Set<string>> {
  const writes = pending.filter((p) => p.events.length > 0);
  await deps.keys.ensureKeys(writes.map((p) => p.customerId));
  const customerRequests: AppendRequest[] = await Promise.all(
    writes.map(async (p) => ({
      streamId: customerStream(p.customerId),
      expectedRevision: p.before < 0n ? ('no_stream' as const) : p.before,
      events: await Promise.all(
        p.events.map(({ event, metadata }) => sealCustomerEvent(p.customerId, event, { sealer: deps.keys, metadata })),
      ),
    })),
  );
  const claimRequests: AppendRequest[] = claims.map(({ ref, event }) => ({
    streamId: identifierStream(ref.type, ref.hash),
    expectedRevision: 'no_stream',
    events: [event],
  }));
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
  writes.forEach((p, i) => {
    if (results[i]!.nextExpectedRevision !== p.before + BigInt(p.events.length)) stale.add(p.customerId);
  });
  return stale;
}

/**
 * Normalised and hashed identifiers of a touchpoint, de-duplicated by (type, value).
 * A person's identifiers recur on every touchpoint, and normalising a phone number
 * and hashing cost more than the rest of a decision, so results are remembered.
 */
function hashIdentifiers(touchpoint: Touchpoint, deps: BatchDependencies): HashedIdentifier[] {
  const seen = new Set<string>();
  const out: HashedIdentifier[] = [];
  for (const raw of touchpoint.identifiers) {
    const key = `${raw.type}\u0000${raw.value}`;
    let hashed = deps.hashed?.get(key);
    if (!hashed) {
      const id = normaliseIdentifier(raw, deps.policy);
      hashed = { ...id, hash: id.status === 'valid' ? deps.keys.identifierHash(id.type, id.value) : null };
      deps.hashed?.set(key, hashed);
    }
    const identity = `${hashed.type}\u0000${hashed.value}`;
    if (seen.has(identity)) continue;
    seen.add(identity);
    out.push(hashed);
  }
  return out;
}

const toRef = (id: HashedIdentifier): IdentifierRef[] =>
  id.status === 'valid' && id.hash !== null ? [{ type: id.type, hash: id.hash }] : [];

function stateOf(customers: Map<string, CustomerState>, customerId: string): CustomerState {
  let state = customers.get(customerId);
  if (!state) {
    state = initialCustomerState(customerId);
    customers.set(customerId, state);
  }
  return state;
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
