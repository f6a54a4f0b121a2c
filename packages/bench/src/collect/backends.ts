/**
 * The databases the collector runs on: a fresh schema on the PostgreSQL server
 * (dropped at the end) and an in-memory PGlite — the test suites' own helpers.
 */
import { pgliteTestDatabase, postgresTestDatabase, postgresUrl, type TestDatabase } from '@c360/testing';
import type { BackendKey } from './config';

export interface Backend {
  key: BackendKey;
  name: 'PostgreSQL' | 'PGlite';
  db: TestDatabase;
  /** Where it runs, for the report. */
  description: string;
}

export async function openBackend(key: BackendKey, options: { poolMax: number }): Promise<Backend> {
  const db = key === 'postgres' ? await postgresTestDatabase({ max: options.poolMax }) : await pgliteTestDatabase();
  try {
    const { rows } = await db.sql.query<{ version: string; schema: string; sync: string }>(
      `SELECT split_part(current_setting('server_version'), ' ', 1) AS version, current_schema() AS schema,
              current_setting('synchronous_commit') AS sync`,
    );
    const { version, schema, sync } = rows[0]!;
    if (key === 'pglite') {
      return {
        key,
        name: 'PGlite',
        db,
        description: `PGlite (PostgreSQL ${version}, in memory, in the server process)`,
      };
    }
    const url = new URL(postgresUrl());
    return {
      key,
      name: 'PostgreSQL',
      db,
      description: `PostgreSQL ${version} at ${url.host}${url.pathname}, schema ${schema}, synchronous_commit=${sync}, pool ${options.poolMax}`,
    };
  } catch (error) {
    await db.dispose();
    throw error;
  }
}
