/**
 * The raw ceiling: the same rows into a bare table with the same columns and only
 * a primary key — no stream table, no uniqueness checks, no function — through the
 * same SQL port and the same connections; and plain keyset reads of it.
 */
import type { Sql } from '@c360/sql';
import { runLanes, throughput, timed, type Throughput } from '../measure';
import { lanesOf, type Append, type Workload } from './workload';

export const RAW_TABLE = 'bench_raw_events';

const COLUMNS = 'global_position, stream_id, stream_revision, event_id, type, data, metadata';
const PER_ROW = 7;

export async function createRawTable(sql: Sql): Promise<void> {
  await sql.exec(`CREATE TABLE ${RAW_TABLE} (
    global_position bigint PRIMARY KEY,
    stream_id text NOT NULL,
    stream_revision bigint NOT NULL,
    event_id uuid NOT NULL,
    type text NOT NULL,
    data jsonb NOT NULL,
    metadata jsonb NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now()
  )`);
}

const insertText = new Map<number, string>();

/** `INSERT … VALUES ($1…$7), ($8…$14), …` for `rows` rows (cached per row count). */
function insertFor(rows: number): string {
  let text = insertText.get(rows);
  if (text === undefined) {
    const tuples = Array.from(
      { length: rows },
      (_, r) => `(${Array.from({ length: PER_ROW }, (_, c) => `$${r * PER_ROW + c + 1}`).join(', ')})`,
    );
    text = `INSERT INTO ${RAW_TABLE} (${COLUMNS}) VALUES ${tuples.join(', ')}`;
    insertText.set(rows, text);
  }
  return text;
}

/** Global positions of the raw table: a counter in this process, shared by all writers. */
export interface RawPositions {
  next: number;
}

/** Every append of the workload as one multi-row INSERT (autocommit: one statement, one commit). */
export async function insertWorkload(
  sql: Sql,
  workload: Workload,
  writers: number,
  positions: RawPositions,
): Promise<Throughput> {
  const params = (append: Append): unknown[] =>
    append.events.flatMap((event, i) => [
      String(positions.next++),
      append.streamId,
      String(append.firstRevision + i),
      event.id,
      event.type,
      JSON.stringify(event.data),
      JSON.stringify(event.metadata ?? {}),
    ]);
  const run = await timed(() =>
    runLanes(lanesOf(workload.appends, writers), async (append) => {
      await sql.query(insertFor(append.events.length), params(append));
    }),
  );
  return throughput(workload.events, run);
}

/** Keyset pages of `batchSize` rows over the whole table: `WHERE pk > $1 ORDER BY pk LIMIT n`. */
export async function readRaw(sql: Sql, batchSize: number): Promise<Throughput> {
  const run = await timed(async () => {
    let after = 0n;
    let seen = 0;
    for (;;) {
      const { rows } = await sql.query<{ global_position: bigint }>(
        `SELECT ${COLUMNS}, recorded_at FROM ${RAW_TABLE} WHERE global_position > $1 ORDER BY global_position LIMIT $2`,
        [String(after), batchSize],
      );
      const last = rows[rows.length - 1];
      if (!last) return seen;
      seen += rows.length;
      after = last.global_position;
    }
  });
  return throughput(run.result, run);
}
