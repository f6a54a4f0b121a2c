import { randomBytes } from 'node:crypto';
import type { Bus } from '@c360/bus';
import { getEmbeddedLogBus, migrateEmbeddedLog } from '@c360/bus-postgres';
import { getPostgresEventStore, migrateEventStore } from '@c360/event-store-postgres';
import { DEFAULT_IDENTITY_POLICY, type IdentityPolicy } from '@c360/identity';
import { migrateKeyring, openKeyring, type Keyring } from '@c360/keyring';
import type { Sql } from '@c360/sql';
import { encodeTouchpoint, partitionKey, type Touchpoint } from '@c360/touchpoint';
import { startIngestor, type Ingestor } from '../ingestor';

export const STACK_TOPICS = { touchpoints: 'c360.touchpoints', dlq: 'c360.touchpoints.dlq' };

export interface IngestStack {
  store: ReturnType<typeof getPostgresEventStore>;
  keyring: Keyring;
  /** Another keyring on the same keys with nothing cached, as after a restart. */
  coldKeyring(): Promise<Keyring>;
  /** Starts one more ingestor instance (same group) with its own cache. */
  startInstance(options?: { maxBatchSize?: number }): Ingestor;
  instances: Ingestor[];
  publish(touchpoints: readonly Touchpoint[]): Promise<void>;
  /** Recorded + duplicate decisions over every instance started. */
  decided(): number;
  close(): Promise<void>;
}

/** The event store and keyring in `sql`'s database, ingestors consuming `bus`. */
export async function ingestStack(options: { sql: Sql; bus: Bus; policy?: IdentityPolicy }): Promise<IngestStack> {
  const { sql, bus } = options;
  await migrateEventStore(sql);
  await migrateKeyring(sql);
  const store = getPostgresEventStore(sql);
  const masterKey = randomBytes(32);
  const keyring = await openKeyring({ sql, masterKey, cacheSize: 100_000 });
  const instances: Ingestor[] = [];
  return {
    store,
    keyring,
    coldKeyring: () => openKeyring({ sql, masterKey }),
    instances,
    startInstance(instanceOptions = {}) {
      const ingestor = startIngestor({
        bus,
        store,
        keys: keyring,
        policy: options.policy ?? DEFAULT_IDENTITY_POLICY,
        topics: STACK_TOPICS,
        maxBatchSize: instanceOptions.maxBatchSize,
        retry: { attempts: 20, initialMs: 20, maxMs: 500 },
        log: process.env.C360_TEST_LOG === '1' ? (message, error) => console.error(message, error ?? '') : undefined,
      });
      instances.push(ingestor);
      return ingestor;
    },
    async publish(touchpoints) {
      for (let i = 0; i < touchpoints.length; i += 200) {
        await bus.publish(
          STACK_TOPICS.touchpoints,
          touchpoints.slice(i, i + 200).map((t) => ({ key: partitionKey(t), value: encodeTouchpoint(t) })),
        );
      }
    },
    decided: () => instances.reduce((sum, i) => sum + i.totals.recorded + i.totals.duplicates, 0),
    async close() {
      await Promise.all(instances.map((i) => i.stop()));
      await store.close();
    },
  };
}

/**
 * The embedded log in `sql`'s database, with test timings (rebalances in seconds, polls in
 * milliseconds) and the stack's topics (touchpoints on `partitions`, dead letters on one), and an
 * ingest stack on it with one ingestor instance started and ready. Close `stack`, then `bus`.
 */
export async function embeddedIngestStack(options: {
  sql: Sql;
  partitions: number;
}): Promise<{ bus: Bus; stack: IngestStack }> {
  const { sql } = options;
  await migrateEmbeddedLog(sql);
  const bus = getEmbeddedLogBus(sql, {
    timings: { heartbeatIntervalMs: 200, sessionTimeoutMs: 3_000, pollIntervalMs: 20, retryBackoffMs: 50 },
  });
  await bus.ensureTopics([
    { name: STACK_TOPICS.touchpoints, partitions: options.partitions },
    { name: STACK_TOPICS.dlq, partitions: 1 },
  ]);
  const stack = await ingestStack({ sql, bus });
  await stack.startInstance().consumer.ready;
  return { bus, stack };
}
