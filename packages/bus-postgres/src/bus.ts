import { fileURLToPath } from 'node:url';
import { NotFoundError, ValidationError } from '@c360/errors';
import type { Bus } from '@c360/bus';
import { loadMigrations, migrate, type Sql } from '@c360/sql';
import { startConsumer, type GroupTimings } from './consumer';
import { createPublisher } from './publish';

const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

/** Applies the embedded log's migrations (idempotent, safe from several processes). */
export async function migrateEmbeddedLog(sql: Sql): Promise<void> {
  await migrate(sql, { component: 'bus', migrations: await loadMigrations(MIGRATIONS_DIR) });
}

const DEFAULT_TIMINGS: GroupTimings = {
  heartbeatIntervalMs: 1_000,
  sessionTimeoutMs: 10_000,
  pollIntervalMs: 50,
  retryBackoffMs: 100,
};

/**
 * The bus as PostgreSQL tables (server or PGlite): the embedded default's log.
 * Call `migrateEmbeddedLog` first. `close()` stops every consumer at once without
 * committing anything further (as a crash would); use `Consumer.stop()` for a
 * graceful shutdown. It does not close the SQL port it was given.
 */
export function getEmbeddedLogBus(sql: Sql, options: { timings?: Partial<GroupTimings> } = {}): Bus {
  const timings = { ...DEFAULT_TIMINGS, ...options.timings };
  const partitionCounts = new Map<string, number>();
  /** Per topic: the in-process consumers to wake when something was stored there. */
  const wakers = new Map<string, Set<() => void>>();
  const consumers = new Set<{ abort(): void }>();

  const partitionCount = async (topic: string): Promise<number> => {
    const cached = partitionCounts.get(topic);
    if (cached !== undefined) return cached;
    const { rows } = await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM bus_partitions WHERE topic = $1', [
      topic,
    ]);
    const n = rows[0]?.n ?? 0;
    if (n === 0) throw new NotFoundError(`topic ${topic} does not exist`, { code: 'unknown_topic' });
    partitionCounts.set(topic, n);
    return n;
  };

  const publisher = createPublisher(sql, {
    partitionCount,
    onStored: (topics) => topics.forEach((topic) => wakers.get(topic)?.forEach((wake) => wake())),
  });

  return {
    async ensureTopics(topics) {
      for (const { name, partitions } of topics) {
        if (!name || !Number.isInteger(partitions) || partitions < 1 || partitions > 1000) {
          throw ValidationError.forPath(`topics.${name}`, 'needs a name and 1..1000 partitions');
        }
        await sql.query(
          `INSERT INTO bus_partitions (topic, partition) SELECT $1, p FROM generate_series(0, $2 - 1) AS p
           ON CONFLICT DO NOTHING`,
          [name, partitions],
        );
      }
    },

    publish: (topic, messages) => publisher.publish(topic, messages),

    consume(consumeOptions) {
      const consumer = startConsumer(
        sql,
        {
          partitionCount,
          timings,
          onWake: (wake) => {
            const topic = consumeOptions.topic;
            const forTopic = wakers.get(topic) ?? new Set();
            wakers.set(topic, forTopic.add(wake));
            return () => {
              forTopic.delete(wake);
              if (forTopic.size === 0 && wakers.get(topic) === forTopic) wakers.delete(topic);
            };
          },
        },
        consumeOptions,
      );
      consumers.add(consumer);
      void consumer.done.catch(() => undefined).finally(() => consumers.delete(consumer));
      return consumer;
    },

    async lag(groupId, topic) {
      // The embedded log keeps every message (no retention), so a group that never committed is behind by the end.
      const { rows } = await sql.query<{ partition: number; committed: bigint | null; end: bigint }>(
        `SELECT p.partition, o.next_offset AS committed, p.next_offset AS "end"
           FROM bus_partitions p
           LEFT JOIN bus_group_offsets o ON o.group_id = $1 AND o.topic = p.topic AND o.partition = p.partition
          WHERE p.topic = $2
          ORDER BY p.partition`,
        [groupId, topic],
      );
      if (rows.length === 0) throw new NotFoundError(`topic ${topic} does not exist`, { code: 'unknown_topic' });
      return rows.map((row) => {
        const committed = row.committed === null ? null : BigInt(row.committed);
        const end = BigInt(row.end);
        return { partition: row.partition, committed, end, behind: end - (committed ?? 0n) };
      });
    },

    async close() {
      consumers.forEach((consumer) => consumer.abort());
      consumers.clear();
    },
  };
}
