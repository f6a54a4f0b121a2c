import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bus } from '@c360/bus';
import { waitFor } from '@c360/bus/testing';
import { getKafkaBus, mockFriendlyRoundRobin } from '@c360/bus-kafka';
import { getEmbeddedLogBus, migrateEmbeddedLog } from '@c360/bus-postgres';
import {
  describePostgres,
  kafkaMockAvailable,
  pgliteTestDatabase,
  postgresTestDatabase,
  requireKafka,
  startKafkaMock,
  type KafkaMock,
  type TestDatabase,
} from '@c360/testing';
import {
  customerIdOf,
  DEFAULT_IDENTITY_POLICY,
  normaliseIdentifiers,
  openCustomerEvent,
  storedCustomerEvent,
} from '@c360/identity';
import { identityErrors, population, readOutcome } from './testing';
import { ingestStack, STACK_TOPICS, type IngestStack } from './testing/stack';

const FAST_GROUP = { heartbeatIntervalMs: 200, sessionTimeoutMs: 3_000, pollIntervalMs: 20, retryBackoffMs: 50 };

interface Backend {
  name: string;
  open(): Promise<{ db: TestDatabase; bus: Bus; dispose(): Promise<void> }>;
}

async function embeddedLog(db: TestDatabase) {
  await migrateEmbeddedLog(db.sql);
  const bus = getEmbeddedLogBus(db.sql, { timings: FAST_GROUP });
  await bus.ensureTopics([
    { name: STACK_TOPICS.touchpoints, partitions: 6 },
    { name: STACK_TOPICS.dlq, partitions: 1 },
  ]);
  return bus;
}

/**
 * The exactly-once and one-customer-per-person scenarios, run on one backend: a
 * population whose people show up through several channels with overlapping
 * identifiers in different partitions, two ingestor instances, then every message
 * delivered again to a third instance with a cold cache.
 */
function identityScenarios(backend: Backend, sizes: { people: number; touchpoints: number }) {
  describe(`ingestor on ${backend.name}`, () => {
    let opened: Awaited<ReturnType<Backend['open']>>;
    let stack: IngestStack;
    const people = population({ people: sizes.people, touchpoints: sizes.touchpoints, seed: 7 });

    beforeAll(async () => {
      opened = await backend.open();
      stack = await ingestStack({ sql: opened.db.sql, bus: opened.bus });
    });
    afterAll(async () => {
      await stack?.close();
      await opened?.dispose();
    });

    it('given two instances on one topic, when a population with overlapping identifiers arrives, then each person is one customer and each touchpoint is recorded once', async () => {
      const a = stack.startInstance({ maxBatchSize: 100 });
      const b = stack.startInstance({ maxBatchSize: 100 });
      await Promise.all([a.consumer.ready, b.consumer.ready]);

      await stack.publish(people.touchpoints);
      await waitFor(() => stack.decided() >= people.touchpoints.length, 120_000, 'every touchpoint decided');

      const outcome = await outcomeWith(stack, people.touchpoints.length);
      expect(outcome.recordedCount.size).toBe(people.touchpoints.length);
      expect([...outcome.recordedCount.values()].every((n) => n === 1)).toBe(true);
      expect(identityErrors(people, outcome)).toEqual({ split: [], glued: [] });
      expect(outcome.liveCustomers.size).toBe(sizes.people);
      expect(a.totals.deadLetters + b.totals.deadLetters).toBe(0);
    }, 180_000);

    it('given everything already recorded, when every message is delivered again to a cold instance, then nothing is recorded twice', async () => {
      const before = stack.decided();
      const cold = stack.startInstance({ maxBatchSize: 50 });
      await cold.consumer.ready;

      await stack.publish(people.touchpoints);
      await waitFor(() => stack.decided() >= before + people.touchpoints.length, 120_000, 'every redelivery decided');
      await quiet(stack);

      const outcome = await outcomeWith(stack, people.touchpoints.length);
      expect([...outcome.recordedCount.values()].every((n) => n === 1)).toBe(true);
      expect(outcome.recordedCount.size).toBe(people.touchpoints.length);
      expect(outcome.liveCustomers.size).toBe(sizes.people);
    }, 180_000);

    it('given the stored events, then no clear personal value appears in an event body or a stream name, and the keyring opens them', async () => {
      const outcome = await readOutcome(stack.store);
      const text = outcome.rawText.join('\n');
      const clear = people.people.flatMap((p) => [p.email, p.phone, p.userId, ...p.loyaltyCards].filter(Boolean));
      expect(clear.filter((value) => text.includes(value!))).toEqual([]);
      expect(text).not.toContain('Person 1');

      const signUp = people.touchpoints[1]!;
      const stored = (await stack.store.readAll({ limit: 100_000 })).find(
        (e) =>
          e.type === 'TouchpointRecorded' && (e.data as { touchpointId: string }).touchpointId === signUp.touchpointId,
      )!;
      const opened = await openCustomerEvent(
        customerIdOf(stored.streamId)!,
        storedCustomerEvent(stored)!,
        stack.keyring,
      );
      expect(opened.type === 'TouchpointRecorded' && opened.data.identifiers.map((i) => i.value)).toEqual(
        normaliseIdentifiers(signUp.identifiers, DEFAULT_IDENTITY_POLICY).map((i) => i.value),
      );
      expect(opened.type === 'TouchpointRecorded' && opened.data.traits).toEqual({ name: '"Person 1"' });
    }, 60_000);
  });
}

/**
 * The store's outcome once read-all shows `touchpoints` recorded touchpoints: read-all
 * on PostgreSQL holds back events above the oldest transaction still open anywhere on
 * the server (that is how it never skips a late commit), so a busy shared server can
 * make it lag for a while.
 */
/** Waits until no instance has decided anything for a second. */
async function quiet(stack: IngestStack) {
  for (let last = -1; last !== stack.decided();) {
    last = stack.decided();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

async function outcomeWith(stack: IngestStack, touchpoints: number) {
  let outcome = await readOutcome(stack.store);
  const deadline = Date.now() + 60_000;
  while (outcome.recordedCount.size < touchpoints && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    outcome = await readOutcome(stack.store);
  }
  return outcome;
}

identityScenarios(
  {
    name: 'the embedded stack (PGlite, embedded log)',
    async open() {
      const db = await pgliteTestDatabase();
      const bus = await embeddedLog(db);
      return { db, bus, dispose: async () => (await bus.close(), await db.dispose()) };
    },
  },
  { people: 120, touchpoints: 500 },
);

await describePostgres('ingestor on PostgreSQL', () => {
  identityScenarios(
    {
      name: 'PostgreSQL with the embedded log',
      async open() {
        const db = await postgresTestDatabase();
        const bus = await embeddedLog(db);
        return { db, bus, dispose: async () => (await bus.close(), await db.dispose()) };
      },
    },
    { people: 300, touchpoints: 1_500 },
  );

  const kafka = kafkaMockAvailable();
  describe.skipIf(!kafka.ok && !requireKafka())(`Kafka${kafka.ok ? '' : ` (skipped: ${kafka.reason})`}`, () => {
    identityScenarios(
      {
        name: 'Kafka (mock cluster) and PostgreSQL',
        async open() {
          const mock: KafkaMock = await startKafkaMock({ brokers: 1 });
          await mock.createTopic(STACK_TOPICS.touchpoints, 6);
          await mock.createTopic(STACK_TOPICS.dlq, 1);
          const db = await postgresTestDatabase();
          const bus = getKafkaBus({
            brokers: mock.brokers,
            consumer: {
              sessionTimeoutMs: 6_000,
              heartbeatIntervalMs: 500,
              rebalanceTimeoutMs: 10_000,
              maxWaitTimeMs: 100,
            },
            partitionAssigners: [mockFriendlyRoundRobin],
          });
          return {
            db,
            bus,
            dispose: async () => {
              await bus.close();
              await db.dispose();
              await mock.stop();
            },
          };
        },
      },
      { people: 300, touchpoints: 1_500 },
    );
  });
});
