import { describe, expect, it } from 'vitest';
import { partitionFor, type OutgoingMessage } from '@c360/bus';
import { describePostgres, pgliteTestDatabase, postgresTestDatabase, type TestDatabase } from '@c360/testing';
import { getEmbeddedLogBus, migrateEmbeddedLog } from './bus';

const message = (key: string, text: string): OutgoingMessage => ({
  key,
  value: Buffer.from(text),
  headers: { 'x-text': text },
});

/** What the log holds for a topic: per partition, values and headers in offset order, and whether offsets are dense. */
async function stored(db: TestDatabase, topic: string) {
  const { rows } = await db.sql.query<{ partition: number; offset: bigint; value: Buffer; headers: object }>(
    'SELECT partition, "offset", value, headers FROM bus_messages WHERE topic = $1 ORDER BY partition, "offset"',
    [topic],
  );
  const byPartition = new Map<number, { offsets: bigint[]; values: string[]; headers: object[] }>();
  for (const row of rows) {
    const p = byPartition.get(row.partition) ?? { offsets: [], values: [], headers: [] };
    p.offsets.push(row.offset);
    p.values.push(row.value.toString());
    p.headers.push(row.headers);
    byPartition.set(row.partition, p);
  }
  const dense = [...byPartition.values()].every((p) => p.offsets.every((o, i) => o === BigInt(i)));
  return { byPartition, dense, count: rows.length };
}

function publishSuite(name: string, open: () => Promise<TestDatabase>): void {
  describe(`embedded log publish (group commit): ${name}`, () => {
    it('given many calls in flight at once, then each is stored whole, in call order, with dense offsets', async () => {
      const db = await open();
      try {
        await migrateEmbeddedLog(db.sql);
        const bus = getEmbeddedLogBus(db.sql);
        await bus.ensureTopics([{ name: 't', partitions: 3 }]);
        // 60 calls of 5 messages on one key each, none awaited before the next is made.
        const calls = Array.from({ length: 60 }, (_, c) =>
          bus.publish(
            't',
            Array.from({ length: 5 }, (_, i) => message('one-key', `${c}:${i}`)),
          ),
        );
        await Promise.all(calls);
        const { byPartition, dense, count } = await stored(db, 't');
        expect(count).toBe(300);
        expect(dense).toBe(true);
        const values = [...byPartition.values()][0]!.values;
        expect(values).toEqual(Array.from({ length: 300 }, (_, n) => `${Math.floor(n / 5)}:${n % 5}`));
        expect([...byPartition.values()][0]!.headers[7]).toEqual({ 'x-text': '1:2' });
      } finally {
        await db.dispose();
      }
    });

    it('given one call in a group that the database refuses, then only that call fails and the others are stored', async () => {
      const db = await open();
      try {
        await migrateEmbeddedLog(db.sql);
        const bus = getEmbeddedLogBus(db.sql);
        await bus.ensureTopics([{ name: 't', partitions: 2 }]);
        await bus.publish('t', [message('warm', 'up')]); // the bus now knows the topic has 2 partitions
        await db.sql.query(`DELETE FROM bus_partitions WHERE topic = 't' AND partition = 1`);
        const keyOn = (partition: number): string => {
          for (let k = 0; ; k++) if (partitionFor(`k${k}`, 2) === partition) return `k${k}`;
        };
        const [good, bad] = [keyOn(0), keyOn(1)];
        const outcomes = await Promise.allSettled([
          bus.publish('t', [message(good, 'a')]),
          bus.publish('t', [message(good, 'b')]),
          bus.publish('t', [message(bad, 'lost partition')]),
          bus.publish('t', [message(good, 'c')]),
        ]);
        expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
        expect((outcomes[2] as PromiseRejectedResult).reason).toMatchObject({ sqlState: '23503', retriable: false });
        const { byPartition, dense } = await stored(db, 't');
        expect(byPartition.get(0)?.values.filter((v) => v !== 'up')).toEqual(['a', 'b', 'c']);
        expect(dense).toBe(true);
      } finally {
        await db.dispose();
      }
    });

    it('given a key or header with a NUL character, then that call is a validation error and stores nothing', async () => {
      const db = await open();
      try {
        await migrateEmbeddedLog(db.sql);
        const bus = getEmbeddedLogBus(db.sql);
        await bus.ensureTopics([{ name: 't', partitions: 2 }]);
        await expect(bus.publish('t', [message('ok', 'x'), message('a\u0000b', 'y')])).rejects.toMatchObject({
          code: 'validation_failed',
        });
        await expect(
          bus.publish('t', [{ key: 'k', value: Buffer.from('z'), headers: { h: 'nul\u0000' } }]),
        ).rejects.toMatchObject({ code: 'validation_failed' });
        expect((await stored(db, 't')).count).toBe(0);
      } finally {
        await db.dispose();
      }
    });
  });
}

publishSuite('PGlite', pgliteTestDatabase);

await describePostgres('embedded log publish on a PostgreSQL server', () => {
  publishSuite('PostgreSQL', postgresTestDatabase);
});
