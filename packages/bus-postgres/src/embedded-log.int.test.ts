import { describe, expect, it } from 'vitest';
import { busContract } from '@c360/bus/testing';
import { describePostgres, postgresTestDatabase, pgliteTestDatabase, type TestDatabase } from '@c360/testing';
import { createPgSql } from '@c360/sql';
import { getEmbeddedLogBus, migrateEmbeddedLog } from './bus';

const timings = { heartbeatIntervalMs: 200, sessionTimeoutMs: 2_000, pollIntervalMs: 20, retryBackoffMs: 50 };

describe('embedded log topics', () => {
  it('given topics ensured twice, then they exist once; publishing to an unknown topic is a not-found error', async () => {
    const db = await pgliteTestDatabase();
    try {
      await migrateEmbeddedLog(db.sql);
      const bus = getEmbeddedLogBus(db.sql, { timings });
      await bus.ensureTopics([{ name: 'c360.touchpoints', partitions: 12 }]);
      await bus.ensureTopics([{ name: 'c360.touchpoints', partitions: 12 }]);
      const { rows } = await db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM bus_partitions');
      expect(rows[0]?.n).toBe(12);
      await expect(bus.publish('nope', [{ key: 'k', value: Buffer.from('v') }])).rejects.toMatchObject({
        code: 'unknown_topic',
      });
      await expect(bus.ensureTopics([{ name: 'bad', partitions: 0 }])).rejects.toMatchObject({
        code: 'validation_failed',
      });
    } finally {
      await db.dispose();
    }
  });
});

/** PGlite is one in-process database: every "client" shares it, as threads of one process would. */
busContract('embedded log on PGlite', async () => {
  const db: TestDatabase = await pgliteTestDatabase();
  await migrateEmbeddedLog(db.sql);
  const admin = getEmbeddedLogBus(db.sql, { timings });
  return {
    connect: async () => getEmbeddedLogBus(db.sql, { timings }),
    createTopic: (name, partitions) => admin.ensureTopics([{ name, partitions }]),
    sessionTimeoutMs: timings.sessionTimeoutMs,
    dispose: db.dispose,
  };
});

await describePostgres('embedded log on a PostgreSQL server', () => {
  /** On a server each client gets its own pool: separate sessions, as separate processes. */
  busContract('embedded log on PostgreSQL', async () => {
    const db = await postgresTestDatabase();
    await migrateEmbeddedLog(db.sql);
    const schema = (await db.sql.query<{ s: string }>('SELECT current_schema() AS s')).rows[0]!.s;
    const admin = getEmbeddedLogBus(db.sql, { timings });
    const pools: { close(): Promise<void> }[] = [];
    return {
      connect: async () => {
        const sql = await createPgSql({
          connectionString: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
          schema,
          max: 4,
        });
        pools.push(sql);
        const bus = getEmbeddedLogBus(sql, { timings });
        return { ...bus, close: async () => bus.close() };
      },
      createTopic: (name, partitions) => admin.ensureTopics([{ name, partitions }]),
      sessionTimeoutMs: timings.sessionTimeoutMs,
      dispose: async () => {
        await Promise.all(pools.map((p) => p.close().catch(() => undefined)));
        await db.dispose();
      },
    };
  });
});
