import { ConcurrencyError, ValidationError } from '@c360/errors';
import type { AppendResult, ExpectedRevision, NewEvent } from '@c360/event-store';
import { SqlError, type SqlExecutor } from '@c360/sql';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function validateAppend(streamId: string, events: readonly NewEvent[]): void {
  if (streamId.length === 0) throw ValidationError.forPath('streamId', 'must not be empty');
  if (events.length === 0) throw ValidationError.forPath('events', 'at least one event is required');
  const seen = new Set<string>();
  events.forEach((event, i) => {
    if (!UUID.test(event.id)) throw ValidationError.forPath(`events[${i}].id`, 'must be a UUID');
    if (seen.has(event.id.toLowerCase()))
      throw ValidationError.forPath(`events[${i}].id`, 'appears twice in one append');
    seen.add(event.id.toLowerCase());
    if (event.type.length === 0) throw ValidationError.forPath(`events[${i}].type`, 'must not be empty');
    if (event.data === undefined) throw ValidationError.forPath(`events[${i}].data`, 'is required');
  });
}

/**
 * One append through `es_append` on the given executor: a single statement, so on
 * a pool it is its own transaction, and inside `transaction()` it joins that one.
 */
export async function appendWith(
  sql: SqlExecutor,
  streamId: string,
  events: readonly NewEvent[],
  expectedRevision: ExpectedRevision,
): Promise<AppendResult> {
  validateAppend(streamId, events);
  try {
    const { rows } = await sql.query<{ next_revision: bigint; last_position: bigint }>(
      'SELECT next_revision, last_position FROM es_append($1, $2, $3::uuid[], $4::text[], $5::jsonb, $6::jsonb)',
      [
        streamId,
        String(expectedRevision),
        events.map((e) => e.id),
        events.map((e) => e.type),
        JSON.stringify(events.map((e) => e.data)),
        JSON.stringify(events.map((e) => e.metadata ?? {})),
      ],
    );
    const row = rows[0];
    if (!row) throw new Error('es_append returned no row');
    return { nextExpectedRevision: row.next_revision, position: row.last_position };
  } catch (error) {
    throw translate(error, streamId, expectedRevision);
  }
}

/**
 * `es_append`'s errors as the port's. `requestIndex` is set for a request of
 * `es_append_many`, whose conflict errors name it; the error then says so.
 */
export function translate(
  error: unknown,
  streamId: string,
  expected: ExpectedRevision,
  requestIndex?: number,
): unknown {
  if (!(error instanceof SqlError)) return error;
  const at = requestIndex === undefined ? '' : `request ${requestIndex}: `;
  const request = requestIndex === undefined ? {} : { requestIndex };
  if (error.sqlState === 'C3601') {
    const actual = BigInt((error.cause as { message?: string }).message ?? '-1');
    return new ConcurrencyError(
      `${at}stream ${streamId}: expected revision ${String(expected)}, actual ${actual === -1n ? 'no_stream' : actual}`,
      { details: { streamId, expected: String(expected), actual: String(actual), ...request }, cause: error },
    );
  }
  if (error.sqlState === 'C3602') {
    return new ConcurrencyError(
      `${at}stream ${streamId}: ${error.message}; an idempotent retry must resend the same events`,
      { details: { streamId, ...request }, cause: error },
    );
  }
  if (error.sqlState === 'C3603')
    return new ValidationError(error.message, { cause: error, code: 'transaction_too_large' });
  // A unique violation here can only come from a racing append of the same ids that
  // got past the lock ordering (e.g. a concurrent delete); the caller re-reads and retries.
  if (error.sqlState === '23505') {
    return new ConcurrencyError(`${at}stream ${streamId}: concurrent append`, {
      details: { streamId, ...request },
      cause: error,
    });
  }
  return error;
}
