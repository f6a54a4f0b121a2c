import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createPgliteSql, createPgSql, type Sql } from '@c360/sql';

/** The server the PostgreSQL suites use: `DATABASE_URL`, else the CI machine's local server. */
export const postgresUrl = (): string => process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Under `C360_REQUIRE_POSTGRES=1` a PostgreSQL suite that cannot connect fails instead of skipping. */
export const requirePostgres = (): boolean => process.env.C360_REQUIRE_POSTGRES === '1';

/**
 * Whether the PostgreSQL server answers, with the reason when it does not. Decided
 * once per test file, before any suite registers, so a suite can `skipIf` on it.
 */
export async function probePostgres(): Promise<{ ok: true } | { ok: false; reason: string }> {
  const client = new pg.Client({ connectionString: postgresUrl(), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: `PostgreSQL at ${postgresUrl()} unreachable: ${(error as Error).message}` };
  } finally {
    await client.end().catch(() => undefined);
  }
}

let probed: ReturnType<typeof probePostgres> | undefined;

/**
 * Registers a describe block that needs the real PostgreSQL server. When the server
 * does not answer, the block is skipped and its title says why — unless
 * `C360_REQUIRE_POSTGRES=1`, when it runs and its first test fails with the reason.
 * Await it at the top level of a test file.
 */
export async function describePostgres(title: string, body: () => void): Promise<void> {
  const postgres = await (probed ??= probePostgres());
  const skip = !postgres.ok && !requirePostgres();
  describe.skipIf(skip)(`${title}${postgres.ok ? '' : ` (skipped: ${postgres.reason})`}`, () => {
    it('reaches the PostgreSQL server', () => {
      expect(postgres).toEqual({ ok: true });
    });
    body();
  });
}

/** A unique schema name, so parallel runs and files never see each other's tables. */
export const uniqueSchemaName = (prefix = 'c360_test'): string =>
  `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;

export interface TestDatabase {
  sql: Sql;
  /** Drops what the test created (the schema on a server; the in-memory PGlite instance). */
  dispose(): Promise<void>;
}

/** A fresh, empty schema on the real server, dropped by `dispose`. */
export async function postgresTestDatabase(options: { max?: number } = {}): Promise<TestDatabase> {
  const schema = uniqueSchemaName();
  const sql = await createPgSql({
    connectionString: postgresUrl(),
    schema,
    max: options.max ?? 12,
    applicationName: 'c360-test',
  });
  return {
    sql,
    async dispose() {
      await sql.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await sql.close();
    },
  };
}

/** A fresh in-memory PGlite database. */
export async function pgliteTestDatabase(): Promise<TestDatabase> {
  const sql = await createPgliteSql();
  return { sql, dispose: () => sql.close() };
}
