import { ValidationError } from '@c360/errors';
import type { ReadAllOptions, ReadStreamOptions, ReadStreamsOptions, RecordedEvent } from '@c360/event-store';
import type { SqlExecutor } from '@c360/sql';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from './rows';

/**
 * What a reader may see, for every stream read: nothing of a soft-deleted stream
 * (`s`, its es_streams row), no event (`e`) below its `truncateBefore`.
 */
const READABLE_STREAM = 'NOT s.deleted';
const READABLE_EVENT = 'e.stream_revision >= coalesce(s.truncate_before, 0)';
const E_COLUMNS = EVENT_COLUMNS.split(', ')
  .map((column) => `e.${column}`)
  .join(', ');

function checkLimit(limit: number | undefined): number | null {
  if (limit === undefined) return null;
  if (!Number.isInteger(limit) || limit < 0) throw ValidationError.forPath('limit', 'must be a non-negative integer');
  return limit;
}

export async function readStreamWith(
  sql: SqlExecutor,
  streamId: string,
  options: ReadStreamOptions = {},
): Promise<RecordedEvent[]> {
  const limit = checkLimit(options.limit);
  const backwards = options.direction === 'backwards';
  const from = options.fromRevision === undefined ? null : String(options.fromRevision);
  const { rows } = await sql.query<EventRow>(
    `SELECT ${E_COLUMNS}
       FROM es_streams s JOIN es_events e ON e.stream_id = s.stream_id
      WHERE s.stream_id = $1 AND ${READABLE_STREAM} AND ${READABLE_EVENT}
        AND ($2::bigint IS NULL OR ${backwards ? 'e.stream_revision <= $2' : 'e.stream_revision >= $2'})
      ORDER BY e.stream_revision ${backwards ? 'DESC' : 'ASC'}
      LIMIT $3`,
    [streamId, from, limit],
  );
  return rows.map(toRecordedEvent);
}

/**
 * Several streams forwards in one query; see `EventStore.readStreams`. Driven by
 * the ids: per id one primary-key probe (LIMIT 1 keeps it one, whatever the
 * planner's estimates) and at most `limit` events from the index on
 * (stream_id, stream_revision). Rows are not sorted on the server; each stream's
 * events are put in revision order here.
 */
export async function readStreamsWith(
  sql: SqlExecutor,
  streamIds: readonly string[],
  options: ReadStreamsOptions = {},
): Promise<Map<string, RecordedEvent[]>> {
  const limit = checkLimit(options.limit);
  const unique = [...new Set(streamIds)];
  const found = new Map<string, RecordedEvent[]>();
  if (unique.length === 0) return found;
  const { rows } = await sql.query<EventRow>(
    `SELECT ${E_COLUMNS}
       FROM unnest($1::text[]) AS x(stream_id)
       CROSS JOIN LATERAL (
              SELECT s.deleted, s.truncate_before FROM es_streams s WHERE s.stream_id = x.stream_id LIMIT 1) s
       CROSS JOIN LATERAL (
              SELECT ${EVENT_COLUMNS} FROM es_events e
               WHERE e.stream_id = x.stream_id AND ${READABLE_EVENT}
               ORDER BY e.stream_revision
               LIMIT $2) e
      WHERE ${READABLE_STREAM}`,
    [unique, limit],
  );
  for (const row of rows) {
    const events = found.get(row.stream_id);
    if (events) events.push(toRecordedEvent(row));
    else found.set(row.stream_id, [toRecordedEvent(row)]);
  }
  const result = new Map<string, RecordedEvent[]>();
  for (const id of unique) {
    const events = found.get(id);
    if (events)
      result.set(
        id,
        events.sort((a, b) => (a.streamRevision < b.streamRevision ? -1 : 1)),
      );
  }
  return result;
}

/**
 * One batch of the log in global order, only below the oldest transaction still
 * running (see migrations/001): a transaction that commits later can never land
 * below a position already returned.
 */
export async function readAllWith(sql: SqlExecutor, options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
  const limit = options.limit ?? 1000;
  if (!Number.isInteger(limit) || limit < 1) throw ValidationError.forPath('limit', 'must be a positive integer');
  const { rows } = await sql.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM es_events
      WHERE global_position > $1
        AND global_position < (pg_snapshot_xmin(pg_current_snapshot())::text::bigint << 16)
      ORDER BY global_position LIMIT $2`,
    [String(options.after ?? 0n), limit],
  );
  return rows.map(toRecordedEvent);
}
