/**
 * The embedded log's raw ceiling: the same pre-encoded messages as plain
 * multi-row INSERTs into a bare table (key, value, partition; no partition locks,
 * offsets, headers or consumer-group bookkeeping), through the same SQL port and
 * connections, read back by plain keyset SELECTs of the consumer's batch size.
 */
import { partitionFor, type OutgoingMessage } from '@c360/bus';
import type { Sql } from '@c360/sql';
import { sleep } from '../measure';
import { failure, type Pipe } from './pipe';

const PER_ROW = 3;
const insertText = new Map<string, string>();

/** `INSERT … VALUES ($1, $2, $3), ($4, $5, $6), …` for `rows` rows (cached per table and row count). */
function insertFor(table: string, rows: number): string {
  const cacheKey = `${table}/${rows}`;
  let text = insertText.get(cacheKey);
  if (text === undefined) {
    const tuples = Array.from(
      { length: rows },
      (_, r) => `($${r * PER_ROW + 1}, $${r * PER_ROW + 2}, $${r * PER_ROW + 3})`,
    );
    text = `INSERT INTO ${table} (partition, key, value) VALUES ${tuples.join(', ')}`;
    insertText.set(cacheKey, text);
  }
  return text;
}

const tableOf = (topic: string): string => `"bench_bus_raw_${topic.replace(/\W/g, '_')}"`;

export function rawSqlPipe(
  sql: Sql,
  options: { partitions: number; pageSize: number },
): Pipe<OutgoingMessage> & { tables: string[] } {
  const tables: string[] = [];
  return {
    tables,
    label: 'raw SQL',
    notTailable:
      'no safe tail read of a bare table: concurrent INSERTs commit their ids out of order, so a keyset reader skips rows',
    async createTopic(topic) {
      tables.push(tableOf(topic));
      await sql.exec(`CREATE TABLE ${tableOf(topic)} (
        id bigserial PRIMARY KEY,
        partition integer NOT NULL,
        key text NOT NULL,
        value bytea NOT NULL
      )`);
    },
    async publish(topic, batch) {
      const params = batch.flatMap((m) => [partitionFor(m.key, options.partitions), m.key, m.value]);
      await sql.query(insertFor(tableOf(topic), batch.length), params);
    },
    async read(topic, seen) {
      let stopping = false;
      const done = (async () => {
        let after = 0n;
        while (!stopping) {
          const { rows } = await sql.query<{ id: bigint; partition: number; key: string; value: Uint8Array }>(
            `SELECT id, partition, key, value FROM ${tableOf(topic)} WHERE id > $1 ORDER BY id LIMIT $2`,
            [String(after), options.pageSize],
          );
          const last = rows[rows.length - 1];
          if (!last) {
            await sleep(10);
            continue;
          }
          seen(rows.map((row) => String(row.id)));
          after = last.id;
        }
      })();
      return {
        failed: failure(done, 'raw SQL reader'),
        async stop() {
          stopping = true;
          await done.catch(() => undefined); // a failure is reported through `failed`
        },
      };
    },
  };
}
