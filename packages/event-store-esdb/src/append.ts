/**
 * Appends, and the port's idempotency on top of ESDB's.
 *
 * ESDB's own idempotency (our NewEvent.id is the ESDB event id): a write whose
 * event ids match events already written *at the position the expected revision
 * points to* succeeds without writing — e.g. a retry with the same `no_stream`
 * or the same revision. With `any` (and `stream_exists`) ESDB promises only best
 * effort: it looks the ids up among recent writes it still remembers (a bounded
 * in-memory cache, empty after a restart); if all are there, the retry is a no-op.
 *
 * The port promises more: whenever all ids are already in the stream the call is
 * a no-op that succeeds. So when ESDB answers "wrong expected version", this
 * adapter looks for the ids in the stream before reporting a conflict. What it
 * cannot catch without a read before every append: a retry whose expected
 * revision equals the stream's *current* revision (e.g. `any` after the cache
 * forgot the ids, or the revision returned by the first attempt) is a valid new
 * write to ESDB, and the events are stored twice.
 */
import {
  BACKWARDS,
  END,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type EventStoreDBClient,
} from '@eventstore/db-client';
import { InfrastructureError, ValidationError } from '@c360/errors';
import type { AppendResult, ExpectedRevision, NewEvent } from '@c360/event-store';
import { positionOf, toEsdbExpectedRevision, toEventData } from './convert';
import { concurrencyError, translateError } from './errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Same rules as the PostgreSQL adapter, plus what ESDB itself would reject later. */
export function validateAppend(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): void {
  if (streamId.length === 0) throw ValidationError.forPath('streamId', 'must not be empty');
  if (streamId.startsWith('$'))
    throw ValidationError.forPath('streamId', "must not start with '$' (reserved by EventStoreDB)");
  if (typeof expected === 'bigint' && expected < 0n)
    throw ValidationError.forPath('expectedRevision', 'must not be negative');
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

export async function appendToStream(
  client: EventStoreDBClient,
  streamId: string,
  events: readonly NewEvent[],
  expected: ExpectedRevision,
): Promise<AppendResult> {
  validateAppend(streamId, events, expected);
  let result;
  try {
    result = await client.appendToStream(streamId, events.map(toEventData), {
      expectedRevision: toEsdbExpectedRevision(expected),
    });
  } catch (error) {
    if (!(error instanceof WrongExpectedVersionError)) throw translateError(error, { streamId, expected });
    const replay = await findStoredEvents(client, streamId, events);
    if (replay) return replay;
    throw concurrencyError(streamId, expected, error.actualVersion, error);
  }
  // `success: false` only comes from a client built with throwOnAppendFailure: false.
  if (!result.success) {
    const replay = await findStoredEvents(client, streamId, events);
    if (replay) return replay;
    throw concurrencyError(streamId, expected, undefined);
  }
  // The append result's commit position is that of the last event written.
  if (result.position) return { nextExpectedRevision: result.nextExpectedRevision, position: result.position.commit };

  // ESDB answers an idempotent replay without a position: find the stored events.
  const replay = await findStoredEvents(client, streamId, events);
  if (replay) return replay;
  throw new InfrastructureError(
    `stream ${streamId}: EventStoreDB reported an idempotent write, but the events are not readable`,
    {
      retriable: false,
      details: { streamId },
    },
  );
}

/**
 * When every id of `events` is in the stream: the revision and position of the
 * last of those events — what ESDB itself answers for an idempotent write, and
 * what the PostgreSQL adapter reports for a replay. Reads backwards from the end
 * and stops once all ids are found, so replays of recent appends cost a short read.
 */
async function findStoredEvents(
  client: EventStoreDBClient,
  streamId: string,
  events: readonly NewEvent[],
): Promise<AppendResult | null> {
  const missing = new Set(events.map((event) => event.id.toLowerCase()));
  let last: AppendResult | undefined;
  const read = client.readStream(streamId, { direction: BACKWARDS, fromRevision: END });
  try {
    for await (const resolved of read) {
      const event = resolved.event;
      if (!event || !missing.delete(event.id.toLowerCase())) continue;
      // Read backwards, so the first match is the last of the replayed events.
      last ??= { nextExpectedRevision: event.revision, position: positionOf(resolved).commit };
      if (missing.size === 0) break;
    }
  } catch (error) {
    if (error instanceof StreamNotFoundError) return null;
    throw translateError(error, { streamId });
  } finally {
    if (missing.size === 0) {
      // Left early: stop the server sending the rest, and keep a late transport
      // error on the abandoned stream from surfacing as an unhandled 'error'.
      read.on('error', () => undefined);
      await read.cancel().catch(() => undefined);
    }
  }
  return missing.size === 0 && last ? last : null;
}
