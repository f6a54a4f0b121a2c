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
} from '@c360/identity';
import type { AppendRequest, NewEvent } from '@c360/event-store';
import type { Touchpoint } from '@c360/touchpoint';
import type { BatchDependencies, DecisionBasis, DecodedTouchpoint } from './batch';

/** A decided batch, its events sealed: what `appendDecision` appends. */
export interface Decision {
  claims: { ref: IdentifierRef; event: NewEvent }[];
  writes: Write[];
  /** Touchpoints the decisions found already recorded. */
  duplicates: number;
}

export interface Pending {
  state: CustomerState;
  /** Revision before this batch: the expected revision of its append. */
  before: bigint;
  events: { event: CustomerEvent & { id: string }; metadata: DecisionMetadata }[];
}

export interface Write extends Pending {
  request: AppendRequest;
}

/**
 * Decides `batch` in order on `basis`, reading from the cache (or the store) only
 * what the basis lacks, and leaves every decision in the basis. Then creates the keys
 * of the customers written to and seals their events. Appends nothing.
 */
export async function decideBatch(
  batch: readonly DecodedTouchpoint[],
  basis: DecisionBasis,
  deps: BatchDependencies,
): Promise<Decision> {
  const { policy } = deps;
  const { owners, customers } = basis;
  const prepared = batch.map(({ message, touchpoint }) => ({
    message,
    touchpoint,
    identifiers: hashIdentifiers(touchpoint, deps),
  }));
  await extendBasis(
    basis,
    prepared.flatMap((p) => p.identifiers.flatMap(toRef)),
    deps,
  );

  const claims: Decision['claims'] = [];
  const pending = new Map<string, Pending>();
  let duplicates = 0;
  const recordedAt = deps.now().toISOString();
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
      const entry = pending.get(change.customerId) ?? { state, before: state.revision, events: [] };
      pending.set(change.customerId, entry);
      for (const event of change.events) {
        if (state.eventIds.has(event.id)) continue;
        applyCustomerEvent(state, event);
        entry.events.push({ event, metadata });
      }
    }
    if (resolution.duplicate) duplicates += 1;
  }
  return { claims, writes: await seal([...pending.values()], deps), duplicates };
}

/** Adds to the basis the owners of `refs` it lacks, and every customer state resolution may ask about for them. */
async function extendBasis(basis: DecisionBasis, refs: IdentifierRef[], deps: BatchDependencies): Promise<void> {
  const unknown = refs.filter((ref) => !basis.owners.has(refKey(ref)));
  for (const [key, owner] of await deps.cache.loadOwners(unknown)) basis.owners.set(key, owner);
  const owners = refs.flatMap((ref) => basis.owners.get(refKey(ref)) ?? []);
  for (const [id, state] of await deps.cache.loadCustomers(owners, basis.customers)) basis.customers.set(id, state);
}

/** The customers' append requests, at the revision each decision was made on, their events sealed. */
async function seal(pending: Pending[], deps: BatchDependencies): Promise<Write[]> {
  const writes = pending.filter((p) => p.events.length > 0);
  await deps.keys.ensureKeys(writes.map((p) => p.state.customerId));
  return Promise.all(
    writes.map(async (p) => ({
      ...p,
      request: {
        streamId: customerStream(p.state.customerId),
        expectedRevision: p.before < 0n ? ('no_stream' as const) : p.before,
        events: await Promise.all(
          p.events.map(({ event, metadata }) =>
            sealCustomerEvent(p.state.customerId, event, { sealer: deps.keys, metadata }),
          ),
        ),
      },
    })),
  );
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
