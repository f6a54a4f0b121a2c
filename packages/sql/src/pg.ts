import pg from 'pg';
import type { QueryResult, Sql, SqlExecutor } from './port';
import { toSqlError } from './errors';

export interface PgSqlOptions {
  connectionString: string;
  /** Schema to create (if missing) and put first on the search path of every connection. */
  schema?: string;
  /** Pool size (default 10). */
  max?: number;
  applicationName?: string;
}

const INT8_OID = 20;
const int8AsBigint: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID
      ? (value: string) => BigInt(value)
      : pg.types.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

function executor(client: pg.Pool | pg.PoolClient): SqlExecutor {
  return {
    async query<Row>(text: string, params?: readonly unknown[]): Promise<QueryResult<Row>> {
      try {
        const result = await client.query(text, params as unknown[] | undefined);
        return { rows: result.rows as Row[], rowCount: result.rowCount ?? result.rows.length };
      } catch (error) {
        throw toSqlError(error);
      }
    },
    async exec(script: string): Promise<void> {
      try {
        await client.query(script);
      } catch (error) {
        throw toSqlError(error);
      }
    },
  };
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** SQL port over a `pg.Pool` on a real PostgreSQL server. */
export async function createPgSql(options: PgSqlOptions): Promise<Sql> {
  const searchPath = options.schema ? `${quoteIdent(options.schema)},public` : undefined;
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'c360',
    types: int8AsBigint,
    ...(searchPath ? { options: `-c search_path=${searchPath}` } : {}),
  });
  // An idle client that loses its connection must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const sql: Sql = {
    kind: 'postgres',
    ...executor(pool),
    async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw toSqlError(error);
      }
      const tx = executor(client);
      try {
        await tx.query('BEGIN');
        const result = await work(tx);
        await tx.query('COMMIT');
        client.release();
        return result;
      } catch (error) {
        // A failed ROLLBACK means the connection is broken: destroy it rather than reuse it.
        const rolledBack = await client.query('ROLLBACK').then(
          () => true,
          () => false,
        );
        client.release(rolledBack ? undefined : true);
        throw error;
      }
    },
    async close(): Promise<void> {
      await pool.end();
    },
  };
  if (options.schema) await sql.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(options.schema)}`);
  return sql;
}
