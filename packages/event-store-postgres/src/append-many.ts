import { ConcurrencyError, ValidationError } from '@c360/errors';
import { errorOfRequest, type AppendRequest, type AppendResult } from '@c360/event-store';
import { SqlError, type SqlExecutor } from '@c360/sql';
import { translate, validateAppend } from './append';

/**
 * A batch of appends through `es_append_many` (migrations/003): one statement,
 * one round trip, so on a pool the batch is its own transaction (all or
 * nothing), and inside `transaction()` it joins that one. Every request is
 * validated before anything is sent.
 */
export async function appendManyWith(sql: SqlExecutor, requests: readonly AppendRequest[]): Promise<AppendResult[]> {
  requests.forEach((request, i) => {
    try {
      validateAppend(request.streamId, request.events);
    } catch (error) {
      throw errorOfRequest(error, i, request.streamId);
    }
  });
  if (requests.length === 0) return [];
  try {
    const { rows } = await sql.query<{ request_index: number; next_revision: bigint; last_position: bigint }>(
      `SELECT request_index, next_revision, last_position
         FROM es_append_many($1::text[], $2::text[], $3::int[], $4::uuid[], $5::text[], $6::jsonb, $7::jsonb)`,
      [
        requests.map((r) => r.streamId),
        requests.map((r) => String(r.expectedRevision ?? 'any')),
        requests.map((r) => r.events.length),
        requests.flatMap((r) => r.events.map((e) => e.id)),
        requests.flatMap((r) => r.events.map((e) => e.type)),
        JSON.stringify(requests.flatMap((r) => r.events.map((e) => e.data))),
        JSON.stringify(requests.flatMap((r) => r.events.map((e) => e.metadata ?? {}))),
      ],
    );
    const results: AppendResult[] = [];
    for (const row of rows) {
      results[row.request_index] = { nextExpectedRevision: row.next_revision, position: row.last_position };
    }
    if (rows.length !== requests.length) throw new Error(`es_append_many returned ${rows.length} rows`);
    return results;
  } catch (error) {
    throw translateBatchError(error, requests);
  }
}

/** Conflict errors of `es_append_many` carry the failing request's index as their DETAIL. */
function translateBatchError(error: unknown, requests: readonly AppendRequest[]): unknown {
  if (!(error instanceof SqlError)) return error;
  if (error.sqlState === 'C3601' || error.sqlState === 'C3602') {
    const index = Number((error.cause as { detail?: unknown } | undefined)?.detail);
    const request = requests[index];
    if (request) return translate(error, request.streamId, request.expectedRevision ?? 'any', index);
  }
  if (error.sqlState === 'C3603') {
    return new ValidationError(error.message, { cause: error, code: 'transaction_too_large' });
  }
  if (error.sqlState === '23505') {
    return new ConcurrencyError('appendMany: concurrent append to one of its streams', { cause: error });
  }
  return error;
}
