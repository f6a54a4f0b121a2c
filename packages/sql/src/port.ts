/**
 * The SQL port: the one thing every PostgreSQL-backed adapter talks to. Implemented
 * over `pg.Pool` (a real server) and over PGlite (PostgreSQL in-process), so one SQL
 * code path serves the embedded default and a real server.
 *
 * Contract: `bigint` (int8) columns come back as JS `bigint`, `timestamptz` as `Date`,
 * `json`/`jsonb` parsed, `bytea` as `Buffer` (and a `Buffer` parameter is a bytea). Failures throw `SqlError` (an `InfrastructureError` carrying
 * the SQLSTATE); callers that expect a particular state (a unique violation, a
 * custom `RAISE`) check `error.sqlState`, never the message.
 */

export interface QueryResult<Row> {
  rows: Row[];
  /** Rows inserted/updated/deleted, or returned by a SELECT. */
  rowCount: number;
}

export interface SqlExecutor {
  /** One statement with `$1…$n` parameters. */
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<QueryResult<Row>>;
  /** A script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
}

export interface Sql extends SqlExecutor {
  /**
   * Runs `work` in one transaction on one connection: committed when the promise
   * resolves, rolled back when it rejects (the rejection is re-thrown).
   */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** `postgres` for a server, `pglite` in-process; for diagnostics and benchmarks only. */
  readonly kind: 'postgres' | 'pglite';
  close(): Promise<void>;
}
