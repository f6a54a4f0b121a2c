/** The databases the store benchmark runs on: a fresh schema on the server, an in-memory PGlite. */
import { randomBytes } from 'node:crypto';
import { getPostgresEventStore, migrateEventStore, type PostgresEventStore } from '@c360/event-store-postgres';
import { createPgliteSql, createPgSql, type Sql } from '@c360/sql';
import { createRawTable } from './raw';

export interface Backend {
  name: 'PostgreSQL' | 'PGlite';
  key: 'postgres' | 'pglite';
  sql: Sql;
  store: PostgresEventStore;
  writers: number;
  /** Where it runs, for the report. */
  description: string;
  /** Flushes dirty pages so one phase does not pay for the previous one's writes (server only). */
  settle(): Promise<void>;
  /** Drops what the benchmark created and closes the connections. */
  dispose(): Promise<void>;
}

/** `c360_bench_<time>_<random>`: unique per run, like the test suites' schemas. */
export const uniqueName = (prefix = 'c360_bench'): string =>
  `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;

async function prepare(sql: Sql): Promise<PostgresEventStore> {
  await migrateEventStore(sql);
  await createRawTable(sql);
  return getPostgresEventStore(sql);
}

export async function openPostgres(connectionString: string, writers: number): Promise<Backend> {
  const schema = uniqueName();
  const sql = await createPgSql({ connectionString, schema, max: writers, applicationName: 'c360-bench' });
  const dispose = async (): Promise<void> => {
    await sql.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await sql.close();
  };
  try {
    const store = await prepare(sql);
    // Open every connection of the pool before the first timed phase.
    await Promise.all(Array.from({ length: writers }, () => sql.query('SELECT pg_sleep(0.01)')));
    const { rows } = await sql.query<{ version: string; sync: string }>(
      `SELECT split_part(current_setting('server_version'), ' ', 1) AS version, current_setting('synchronous_commit') AS sync`,
    );
    const url = new URL(connectionString);
    return {
      name: 'PostgreSQL',
      key: 'postgres',
      sql,
      store,
      writers,
      description: `PostgreSQL ${rows[0]?.version} at ${url.host}${url.pathname}, schema ${schema}, synchronous_commit=${rows[0]?.sync}, ${writers} writers (pool max ${writers})`,
      settle: () => sql.exec('CHECKPOINT'),
      dispose,
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}

export async function openPglite(writers: number): Promise<Backend> {
  const sql = await createPgliteSql();
  try {
    const store = await prepare(sql);
    const { rows } = await sql.query<{ version: string }>(
      `SELECT split_part(current_setting('server_version'), ' ', 1) AS version`,
    );
    return {
      name: 'PGlite',
      key: 'pglite',
      sql,
      store,
      writers,
      description: `PGlite (PostgreSQL ${rows[0]?.version}, in memory, one connection), ${writers} writer(s)`,
      settle: async () => undefined,
      dispose: () => sql.close(),
    };
  } catch (error) {
    await sql.close();
    throw error;
  }
}
