import { PGlite, type Transaction } from '@electric-sql/pglite';
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
      let failedWork: { error: unknown } | undefined;
      try {
        return await db.transaction(async (tx) => {
          try {
            return await work(executor(tx));
          } catch (error) {
            failedWork = { error };
            throw error;
          }
        });
      } catch (error) {
        // The work's own error is re-thrown as it is; a driver error (BEGIN/COMMIT) is translated.
        if (failedWork && failedWork.error === error) throw error;
        throw toSqlError(error);
      }
    },
    async close(): Promise<void> {
      if (!db.closed) await db.close();
    },
  };
}
