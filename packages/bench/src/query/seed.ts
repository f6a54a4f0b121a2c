/**
 * The benchmark's data: the ingestor's test population (persons with 2–4
 * identifiers, a sign-up carrying all of them, later touchpoints one or two), decided
 * as the ingestor decides it — `resolveTouchpoint` over an in-memory world of
 * reservation owners and folded customer states, keyed hashes and sealing by the
 * keyring — and appended straight into the event store with `appendMany`, one
 * request per customer stream with its expected revision. What is skipped is the
 * bus and the ingestor's store reads (the world is in memory), and the reservation
 * streams (`IdentifierClaimed`): the projection skips those anyway, so leaving them
 * out makes its events/s conservative.
 *
 * While one batch is being appended the next one is decided and sealed.
 */
import type { AppendRequest, EventStore } from '@c360/event-store';
import {
  applyCustomerEvent,
  customerStream,
  DEFAULT_IDENTITY_POLICY,
  initialCustomerState,
  normaliseIdentifiers,
  refKey,
  resolveTouchpoint,
  sealCustomerEvent,
  type CustomerEvent,
  type CustomerState,
  type DecisionMetadata,
} from '@c360/identity';
import { population } from '@c360/ingestor/testing';
import type { Keyring } from '@c360/keyring';
import type { Touchpoint } from '@c360/touchpoint';
import { throughput, timed, type Throughput } from '../measure';

export interface Seeded {
  /** Every customer, in creation order. */
  customerIds: string[];
  /** The sign-up e-mail of each customer, in the same order. */
  emails: string[];
  touchpoints: number;
  /** Events appended, by type. */
  byType: Record<string, number>;
  events: number;
  appendCalls: number;
  /** Average JSON size of an event's data as stored (sealed), from a sample. */
  avgDataBytes: number;
  /** Deciding, sealing and appending, end to end. */
  rate: Throughput;
}

interface World {
  owners: Map<string, string>;
  customers: Map<string, CustomerState>;
}

/** Decides one batch of touchpoints into sealed append requests, one per customer stream. */
async function decide(batch: readonly Touchpoint[], world: World, keyring: Keyring): Promise<AppendRequest[]> {
  const policy = DEFAULT_IDENTITY_POLICY;
  const recordedAt = new Date().toISOString();
  const pending = new Map<
    string,
    { before: bigint; events: { event: CustomerEvent & { id: string }; metadata: DecisionMetadata }[] }
  >();
  for (const touchpoint of batch) {
    const identifiers = normaliseIdentifiers(touchpoint.identifiers, policy).map((id) => ({
      ...id,
      hash: id.status === 'valid' ? keyring.identifierHash(id.type, id.value) : null,
    }));
    const resolution = resolveTouchpoint({
      touchpoint,
      identifiers,
      owners: world.owners,
      customers: world.customers,
      policy,
    });
    for (const claim of resolution.claims) world.owners.set(refKey(claim.ref), claim.customerId);
    const metadata: DecisionMetadata = {
      causationId: touchpoint.touchpointId,
      correlationId: touchpoint.touchpointId,
      ruleVersion: policy.ruleVersion,
      recordedAt,
    };
    for (const change of resolution.changes) {
      const state = world.customers.get(change.customerId) ?? initialCustomerState(change.customerId);
      world.customers.set(change.customerId, state);
      const entry = pending.get(change.customerId) ?? { before: state.revision, events: [] };
      pending.set(change.customerId, entry);
      for (const event of change.events) {
        applyCustomerEvent(state, event);
        entry.events.push({ event, metadata });
      }
    }
  }
  await keyring.ensureKeys([...pending.keys()]);
  return Promise.all(
    [...pending].map(async ([customerId, p]) => ({
      streamId: customerStream(customerId),
      expectedRevision: p.before < 0n ? ('no_stream' as const) : p.before,
      events: await Promise.all(
        p.events.map(({ event, metadata }) => sealCustomerEvent(customerId, event, { sealer: keyring, metadata })),
      ),
    })),
  );
}

export async function seedStore(options: {
  store: EventStore;
  keyring: Keyring;
  profiles: number;
  touchpointsPerProfile: number;
  /** Touchpoints per `appendMany`. */
  batchSize: number;
  progress?: (line: string) => void;
}): Promise<Seeded> {
  const people = population({
    people: options.profiles,
    touchpoints: Math.round(options.profiles * options.touchpointsPerProfile),
  });
  const world: World = { owners: new Map(), customers: new Map() };
  const byType: Record<string, number> = {};
  let events = 0;
  let appendCalls = 0;
  let sampledBytes = 0;
  let sampled = 0;
  let seen = 0;
  const batches = Array.from({ length: Math.ceil(people.touchpoints.length / options.batchSize) }, (_, k) =>
    people.touchpoints.slice(k * options.batchSize, (k + 1) * options.batchSize),
  );
  const every = Math.max(1, Math.round(batches.length / 10));

  const run = await timed(async () => {
    let appending: Promise<void> = Promise.resolve();
    for (const [i, batch] of batches.entries()) {
      const requests = await decide(batch, world, options.keyring);
      await appending;
      for (const request of requests) {
        for (const event of request.events) {
          byType[event.type] = (byType[event.type] ?? 0) + 1;
          // One event in 50 is sized: serialising every one would slow the seeding down.
          if (seen++ % 50 === 0) {
            sampledBytes += JSON.stringify(event.data).length;
            sampled += 1;
          }
        }
        events += request.events.length;
      }
      appending = options.store.appendMany(requests).then(() => {
        appendCalls += 1;
        if ((i + 1) % every === 0)
          options.progress?.(`  seeding: ${i + 1}/${batches.length} batches, ${events} events`);
      });
      // Awaited on the next turn (or below); marked handled so a failure is not reported twice.
      appending.catch(() => undefined);
    }
    await appending;
  });

  // The customer of each person is the one their sign-up (their first touchpoint) created.
  const customerIds: string[] = [];
  const emails: string[] = [];
  for (const touchpoint of people.touchpoints.slice(0, people.people.length)) {
    const person = people.people[people.personOf.get(touchpoint.touchpointId)!]!;
    const owner = world.owners.get(
      refKey({ type: 'email', hash: options.keyring.identifierHash('email', person.email) }),
    );
    if (!owner) throw new Error(`seeding: nobody holds ${person.email}`);
    customerIds.push(owner);
    emails.push(person.email);
  }
  if (new Set(customerIds).size !== options.profiles || world.customers.size !== options.profiles) {
    throw new Error(`seeding: ${world.customers.size} customers for ${options.profiles} persons`);
  }
  return {
    customerIds,
    emails,
    touchpoints: people.touchpoints.length,
    byType,
    events,
    appendCalls,
    avgDataBytes: sampled > 0 ? sampledBytes / sampled : 0,
    rate: throughput(events, run),
  };
}
