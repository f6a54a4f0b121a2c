import { describe, expect, it } from 'vitest';
import { busContract } from '@c360/bus/testing';
import {
  postgresTestDatabase,
  pgliteTestDatabase,
  probePostgres,
  requirePostgres,
  type TestDatabase,
} from '@c360/testing';
import { createPgSql } from '@c360/sql';
import { getEmbeddedLogBus, migrateEmbeddedLog } from './bus';

const postgres = await probePostgres();
const skipPostgres = !postgres.ok && !requirePostgres();
const timings = { heartbeatIntervalMs: 200, sessionTimeoutMs: 2_000, pollIntervalMs: 20, retryBackoffMs: 50 };

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

describe.skipIf(skipPostgres)(
  `embedded log on a PostgreSQL server${postgres.ok ? '' : ` (skipped: ${postgres.reason})`}`,
  () => {
    it('is reachable when C360_REQUIRE_POSTGRES=1', () => {
      expect(postgres).toEqual({ ok: true });
    });

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
  },
);
