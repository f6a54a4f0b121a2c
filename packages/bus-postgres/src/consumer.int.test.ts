import { describe, expect, it } from 'vitest';
import { keyedMessages, recordingConsumer, text, waitFor } from '@c360/bus/testing';
import type { Sql } from '@c360/sql';
import { pgliteTestDatabase } from '@c360/testing';
import { getEmbeddedLogBus, migrateEmbeddedLog } from './bus';

/** The SQL port, recording when each statement matching `pattern` was sent. */
function spying(sql: Sql, pattern: RegExp): { sql: Sql; times: number[] } {
  const times: number[] = [];
  return {
    times,
    sql: {
      ...sql,
      query: (text, params) => {
        if (pattern.test(text)) times.push(Date.now());
        return sql.query(text, params);
      },
    },
  };
}

const busyFor = (ms: number): void => {
  const until = Date.now() + ms;
  while (Date.now() < until); // a handler doing synchronous work, as decoding and folding do
};

describe('embedded log consumer on PGlite', () => {
  it('given a backlog that takes longer than the session timeout to read, then the member keeps heartbeating and nothing is redelivered', async () => {
    const db = await pgliteTestDatabase();
    try {
      await migrateEmbeddedLog(db.sql);
      const timings = { heartbeatIntervalMs: 200, sessionTimeoutMs: 2_000, pollIntervalMs: 20, retryBackoffMs: 50 };
      const heartbeats = spying(db.sql, /INSERT INTO bus_group_members/);
      const bus = getEmbeddedLogBus(heartbeats.sql, { timings });
      await bus.ensureTopics([{ name: 'backlog', partitions: 4 }]);
      const messages = keyedMessages(1_600, 40);
      await bus.publish('backlog', messages);

      const { consumer, seen } = recordingConsumer(bus, {
        groupId: 'g',
        topic: 'backlog',
        maxBatchSize: 10,
        onBatch: async () => busyFor(30), // 160 batches: about 5 s
      });
      await consumer.ready;
      const from = Date.now();
      await waitFor(() => new Set(seen.map(text)).size >= messages.length, 60_000, 'the backlog');
      const to = Date.now();
      await consumer.stop();

      expect(to - from).toBeGreaterThan(2 * timings.sessionTimeoutMs); // long enough to have lost the lease
      expect(seen.length - new Set(seen.map(text)).size).toBe(0);
      const during = heartbeats.times.filter((t) => t >= from && t <= to);
      const marks = [from, ...during, to];
      const gaps = marks.slice(1).map((t, i) => t - marks[i]!);
      // Starved, the member would not heartbeat at all until the backlog is read.
      expect(Math.max(...gaps)).toBeLessThan(timings.sessionTimeoutMs);
    } finally {
      await db.dispose();
    }
  }, 90_000);

  it('given consumers of two topics, when one topic is published to, then only its consumers are woken', async () => {
    const db = await pgliteTestDatabase();
    try {
      await migrateEmbeddedLog(db.sql);
      // Polling so slow that only a wake-up can explain a fetch.
      const timings = { heartbeatIntervalMs: 60_000, sessionTimeoutMs: 120_000, pollIntervalMs: 60_000 };
      const fetches = spying(db.sql, /FROM unnest\(\$2::int\[\], \$3::bigint\[\]\) AS f/);
      const bus = getEmbeddedLogBus(fetches.sql, { timings });
      await bus.ensureTopics([
        { name: 'quiet', partitions: 2 },
        { name: 'busy', partitions: 2 },
      ]);
      const quiet = recordingConsumer(bus, { groupId: 'g', topic: 'quiet' });
      await quiet.consumer.ready;
      await waitFor(() => fetches.times.length >= 1, 5_000, 'the first, empty fetch');
      const before = fetches.times.length;

      for (let i = 0; i < 20; i++) await bus.publish('busy', keyedMessages(5, 5, i * 5));
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(fetches.times.length).toBe(before);

      await bus.publish('quiet', keyedMessages(3, 3));
      await waitFor(() => quiet.seen.length >= 3, 5_000, 'the woken consumer');
      await quiet.consumer.stop();
    } finally {
      await db.dispose();
    }
  }, 120_000);
});
