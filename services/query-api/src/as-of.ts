import {
  applyCustomerEvent,
  followMerges,
  initialCustomerState,
  refKey,
  type CustomerEvent,
  type CustomerState,
  type StoredCustomerEvent,
  type TouchpointRecorded,
} from '@c360/identity';
import { displayName } from '@c360/read-models';
import { computeTraits, factFromTouchpoint, type ContactFact } from '@c360/traits';
import type { Profile } from './profiles';

/**
 * Profiles folded from the event store as they stood at an instant: pure functions
 * over customer streams, for the audit question "what did we know about this
 * customer then". An event counts when the store recorded it at or before `asOf`.
 */

export interface TimedEvent<Event extends CustomerEvent | StoredCustomerEvent> {
  event: Event & { id: string };
  /** When the store recorded the event. */
  recordedAt: Date;
  globalPosition: bigint;
}

type Streams<Event extends CustomerEvent | StoredCustomerEvent> = ReadonlyMap<string, readonly TimedEvent<Event>[]>;

const known = (timed: TimedEvent<CustomerEvent | StoredCustomerEvent>, asOf: Date | null): boolean =>
  asOf === null || timed.recordedAt.getTime() <= asOf.getTime();

/**
 * Which customers were one at `asOf` (null: now): the live customer `askedId` lived
 * on in, and its members — itself and every customer absorbed into it,
 * transitively, whose merge was not reverted by then. Null when `askedId` did not
 * exist yet. `streams` must hold every customer linked to `askedId` by merges.
 */
export function membershipAt(
  askedId: string,
  streams: Streams<CustomerEvent | StoredCustomerEvent>,
  asOf: Date | null,
): { liveId: string; members: string[] } | null {
  const states = new Map<string, CustomerState>();
  for (const [customerId, events] of streams) {
    const state = initialCustomerState(customerId);
    for (const timed of events) if (known(timed, asOf)) applyCustomerEvent(state, timed.event);
    if (state.revision >= 0n) states.set(customerId, state);
  }
  if (!states.has(askedId)) return null;
  const liveId = followMerges(askedId, states);
  const members = [liveId];
  for (let i = 0; i < members.length; i += 1) {
    for (const absorbed of states.get(members[i]!)?.absorbed.keys() ?? []) {
      if (!members.includes(absorbed)) members.push(absorbed);
    }
  }
  return { liveId, members };
}

/**
 * The profile of the customer `askedId` lived on in at `asOf`, folded from opened
 * events: identifiers linked to any member (once each), traits (per key, the value
 * of the latest touchpoint by occurredAt), first/last seen, channels, touchpoint
 * count, and the computed traits (@c360/traits) evaluated at `asOf` — the same
 * rules the read models apply. Null when `askedId` did not exist at `asOf`.
 */
export function foldProfileAsOf(input: {
  askedId: string;
  streams: Streams<CustomerEvent>;
  asOf: Date;
}): Profile | null {
  const { asOf } = input;
  const membership = membershipAt(input.askedId, input.streams, asOf);
  if (!membership) return null;
  const events = membership.members
    .flatMap((id) => (input.streams.get(id) ?? []).filter((timed) => known(timed, asOf)))
    .sort((a, b) => (a.globalPosition < b.globalPosition ? -1 : a.globalPosition > b.globalPosition ? 1 : 0));

  const identifiers = new Map<string, { type: string; value: string }>();
  const facts: ContactFact[] = [];
  let createdAt: number | null = null;
  for (const { event } of events) {
    if (event.type === 'IdentifierLinked') {
      const { type, hash, value } = event.data.identifier;
      if (!identifiers.has(refKey({ type, hash }))) identifiers.set(refKey({ type, hash }), { type, value });
    } else if (event.type === 'TouchpointRecorded') {
      facts.push(factOf(event.data));
    }
  }
  for (const { event } of input.streams.get(membership.liveId) ?? []) {
    if (event.type === 'CustomerCreated') createdAt = event.data.createdAt;
  }
  facts.sort((a, b) => a.occurredAt - b.occurredAt || (a.touchpointId < b.touchpointId ? -1 : 1));

  const traits: Record<string, unknown> = {};
  for (const fact of facts) Object.assign(traits, fact.traits);
  const first = facts[0];
  const last = facts.at(-1);
  return {
    customerId: membership.liveId,
    status: 'live',
    displayName: displayName(traits),
    identifiers: [...identifiers.values()],
    traits,
    computed: { ...computeTraits(facts, { now: asOf }) },
    firstSeenAt: first ? new Date(first.occurredAt).toISOString() : null,
    lastSeenAt: last ? new Date(last.occurredAt).toISOString() : null,
    channels: [...new Set(facts.map((f) => f.channel))].sort(),
    touchpointCount: facts.length,
    mergedFrom: membership.members.slice(1),
    createdAt: new Date(createdAt ?? 0).toISOString(),
  };
}

/** The contact fact of a recorded touchpoint, as the projector builds it. */
export function factOf(data: TouchpointRecorded['data']): ContactFact {
  return factFromTouchpoint({
    touchpointId: data.touchpointId,
    channel: data.channel,
    type: data.touchpointType,
    occurredAt: data.occurredAt,
    payload: data.payload,
    traits: data.traits,
    context: data.context,
    consent: data.consent,
  });
}
