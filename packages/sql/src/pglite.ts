import { PGlite, type Transaction } from '@electric-sql/pglite';
import { C360Error } from '@c360/errors';
import type { QueryResult, Sql, SqlExecutor } from './port';
import { toSqlError } from './errors';

export interface PgliteSqlOptions {
  /** Directory for the database files; absent means in memory (gone on close). */
  dataDir?: string;
}

const INT8_OID = 20;

function executor(db: PGlite | Transaction): SqlExecutor {
  return {
    async query<Row>(text: string, params?: readonly unknown[]): Promise<QueryResult<Row>> {
      try {
        const result = await db.query<Row>(text, params as unknown[] | undefined);
        return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
      } catch (error) {
        throw toSqlError(error);
      }
    },
    async exec(script: string): Promise<void> {
      try {
        await db.exec(script);
      } catch (error) {
        throw toSqlError(error);
      }
    },
  };
}

/**
 * SQL port over PGlite: real PostgreSQL compiled to WebAssembly, in this process.
 * One connection: statements and transactions run one at a time, in call order.
 */
export async function createPgliteSql(options: PgliteSqlOptions = {}): Promise<Sql> {
  let db: PGlite;
  try {
    // int8 always as bigint (PGlite's default gives a number when it fits), as on the pg adapter.
    db = await PGlite.create({
      parsers: { [INT8_OID]: (value: string) => BigInt(value) },
      ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    });
  } catch (error) {
    throw toSqlError(error);
  }
  return {
    kind: 'pglite',
    ...executor(db),
    async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      try {
        return await db.transaction((tx) => work(executor(tx)));
      } catch (error) {
        // Errors of our hierarchy pass through; a driver error (BEGIN/COMMIT) is translated.
        throw error instanceof C360Error ? error : toSqlError(error);
      }
    },
    async close(): Promise<void> {
      if (!db.closed) await db.close();
    },
  };
}
