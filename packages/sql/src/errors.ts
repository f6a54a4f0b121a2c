import { InfrastructureError } from '@c360/errors';

/** SQLSTATE classes and codes after which the same statement may succeed later. */
const RETRIABLE_STATES = new Set(['40001', '40P01', '55P03', '57P01', '57P02', '57P03', '53300', '53400']);
const RETRIABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH']);

/** A failed SQL call; `sqlState` is PostgreSQL's five-character error code when the server sent one. */
export class SqlError extends InfrastructureError {
  readonly sqlState: string | undefined;

  constructor(message: string, options: { sqlState?: string; retriable: boolean; cause: unknown }) {
    super(message, {
      retriable: options.retriable,
      cause: options.cause,
      code: 'sql_failure',
      details: options.sqlState === undefined ? {} : { sqlState: options.sqlState },
    });
    this.sqlState = options.sqlState;
  }
}

/** Translates a driver error (pg or PGlite) into a `SqlError`; passes `SqlError`s through. */
export function toSqlError(error: unknown): SqlError {
  if (error instanceof SqlError) return error;
  const e = error as { code?: unknown; message?: unknown };
  const code = typeof e?.code === 'string' ? e.code : undefined;
  const sqlState = code !== undefined && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
  const retriable =
    (sqlState !== undefined && (RETRIABLE_STATES.has(sqlState) || sqlState.startsWith('08'))) ||
    (code !== undefined && RETRIABLE_NODE_CODES.has(code)) ||
    /Connection terminated/i.test(String(e?.message));
  const message = typeof e?.message === 'string' ? e.message : String(error);
  return new SqlError(message, { sqlState, retriable, cause: error });
}
