/**
 * The embedded log (`@c360/bus-postgres`) on a fresh schema of the PostgreSQL
 * server and on an in-memory PGlite, with production timings; its raw ceiling
 * uses the same database and the same SQL port.
 */
import { getEmbeddedLogBus, migrateEmbeddedLog } from '@c360/bus-postgres';
import { pgliteTestDatabase, postgresTestDatabase, postgresUrl, type TestDatabase } from '@c360/testing';
import { BACKEND_NAMES, type BusBackend } from './backend';
import type { BusBenchConfig } from './config';
import { busPipe } from './ours';
import { rawSqlPipe } from './raw-sql';

async function embeddedBackend(
  key: 'postgres' | 'pglite',
  db: TestDatabase,
  config: BusBenchConfig,
  where: () => Promise<string>,
): Promise<BusBackend> {
  try {
    await migrateEmbeddedLog(db.sql);
    const bus = getEmbeddedLogBus(db.sql);
    const { partitions, consumeBatch } = config;
    const raw = rawSqlPipe(db.sql, { partitions, pageSize: consumeBatch });
    return {
      key,
      name: BACKEND_NAMES[key],
      description: `${BACKEND_NAMES[key]}: embedded log on ${await where()}, ${partitions} partitions`,
      ours: busPipe(bus, {
        createTopic: (name) => bus.ensureTopics([{ name, partitions }]),
        maxBatchSize: consumeBatch,
      }),
      raw,
      settle: async () => {
        if (db.sql.kind === 'postgres') await db.sql.exec('CHECKPOINT');
      },
      prepareReads: async () => {
        for (const table of ['bus_messages', ...raw.tables]) await db.sql.exec(`VACUUM ANALYZE ${table}`);
      },
      dispose: async () => {
        await bus.close();
        await db.dispose();
      },
    };
  } catch (error) {
    await db.dispose();
    throw error;
  }
}

export async function openPostgres(config: BusBenchConfig): Promise<BusBackend> {
  const pool = config.publishers + 4;
  const db = await postgresTestDatabase({ max: pool });
  return embeddedBackend('postgres', db, config, async () => {
    const { rows } = await db.sql.query<{ version: string; sync: string; schema: string }>(
      `SELECT split_part(current_setting('server_version'), ' ', 1) AS version,
              current_setting('synchronous_commit') AS sync, current_schema() AS schema`,
    );
    const url = new URL(postgresUrl());
    const { version, sync, schema } = rows[0]!;
    return `PostgreSQL ${version} at ${url.host}${url.pathname}, schema ${schema}, synchronous_commit=${sync}, pool ${pool}`;
  });
}

export async function openPglite(config: BusBenchConfig): Promise<BusBackend> {
  const db = await pgliteTestDatabase();
  return embeddedBackend('pglite', db, config, async () => {
    const { rows } = await db.sql.query<{ version: string }>(
      `SELECT split_part(current_setting('server_version'), ' ', 1) AS version`,
    );
    return `PGlite (PostgreSQL ${rows[0]?.version}, in memory, one connection)`;
  });
}
