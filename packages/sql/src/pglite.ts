import { setImmediate as nextTurn } from 'node:timers/promises';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { QueryResult, Sql, SqlExecutor } from './port';
import { toSqlError } from './errors';

export interface PgliteSqlOptions {
  /** Directory for the database files; absent means in memory (gone on close). */
  dataDir?: string;
}

const INT8_OID = 20;
const BYTEA_OID = 17;

/** bytea as hex text both ways, by Node's native codec (PGlite's own goes byte by byte through strings). */
const byteaToHex = (value: Uint8Array): string =>
  `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
const byteaFromHex = (text: string): Buffer => Buffer.from(text.slice(2), 'hex');

/**
 * PGlite answers without I/O: a chain of awaited queries never gives timers or
 * sockets a turn. Each call waits for the next turn of the event loop before it
 * resolves, so heartbeats and requests run between queries as they would on a server.
 */
async function fair<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } finally {
    await nextTurn();
  }
}

function executor(db: PGlite | Transaction): SqlExecutor {
  return {
    async query<Row>(text: string, params?: readonly unknown[]): Promise<QueryResult<Row>> {
      try {
        const result = await fair(db.query<Row>(text, params as unknown[] | undefined));
        return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
      } catch (error) {
        throw toSqlError(error);
      }
    },
    async exec(script: string): Promise<void> {
      try {
        await fair(db.exec(script));
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
    // int8 always as bigint (PGlite's default gives a number when it fits), as on the pg adapter;
    // bytea as Buffer, as on the pg adapter.
    db = await PGlite.create({
      parsers: { [INT8_OID]: (value: string) => BigInt(value), [BYTEA_OID]: byteaFromHex },
      serializers: { [BYTEA_OID]: byteaToHex },
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
