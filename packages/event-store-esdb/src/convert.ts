/**
 * Mapping between the port's shapes and @eventstore/db-client's.
 *
 * Positions. ESDB addresses its log with `Position { commit, prepare }`. The port
 * exposes one bigint, `globalPosition`, and this adapter uses `commit`. For every
 * event written through the gRPC API each event is its own self-committing log
 * record, so `commit === prepare ===` the event's own log offset: unique per event
 * and strictly increasing in $all order. (They differ only for the legacy TCP
 * API's explicit transactions, whose events all share the commit record's
 * position; such events would share a `globalPosition`.) Going back, a
 * `globalPosition` p is the ESDB position `{ commit: p, prepare: p }`.
 */
import {
  ANY,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  jsonEvent,
  type AppendExpectedRevision,
  type EventData,
  type JSONType,
  type Position,
  type ReadPosition,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { InfrastructureError } from '@c360/errors';
import type { EventMetadata, ExpectedRevision, JsonValue, NewEvent, RecordedEvent } from '@c360/event-store';

export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return expected;
  }
}

/**
 * Our event id becomes the ESDB event id, which is what ESDB's own idempotency
 * check compares. The client `JSON.stringify`s `data` whatever its JSON type, and
 * parses it back on read, so scalars (numbers, strings, null) round-trip even
 * though the client's type only admits objects, arrays and strings.
 */
export function toEventData(event: NewEvent): EventData {
  return jsonEvent({
    id: event.id,
    type: event.type,
    data: event.data as JSONType,
    metadata: (event.metadata ?? {}) as JSONType,
  });
}

/** `after` as a read/subscribe start: `0n`/absent is the start of $all. */
export function toReadPosition(after: bigint | undefined): ReadPosition {
  return after === undefined || after <= 0n ? START : { commit: after, prepare: after };
}

/** Lexicographic order of ESDB positions, for paging through $all. */
export function positionAfter(a: Position, b: Position): boolean {
  return a.commit > b.commit || (a.commit === b.commit && a.prepare > b.prepare);
}

/** Event types starting with `$` are ESDB's own ($metadata, $>, $streamDeleted, …). */
export const isSystemEventType = (type: string): boolean => type.startsWith('$');

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

type EsdbRecordedEvent = NonNullable<ResolvedEvent['event']>;

/** The event's ESDB position: on the record (server ≥ 22.6), else on the read response. */
export function positionOf(resolved: ResolvedEvent): Position {
  const position = resolved.event?.position;
  if (position) return position;
  if (resolved.commitPosition !== undefined)
    return { commit: resolved.commitPosition, prepare: resolved.commitPosition };
  throw new InfrastructureError(
    'EventStoreDB returned an event without a log position (server 22.6 or later is required)',
    {
      retriable: false,
    },
  );
}

/**
 * A stored ESDB event as the port's RecordedEvent. `created` is already a Date in
 * client 6.x (converted from .NET ticks, so millisecond precision). Events not
 * written by this adapter may be binary: their data is handed over as a base64
 * string, and metadata that is not a JSON object becomes `{}`.
 */
export function toRecordedEvent(resolved: ResolvedEvent): RecordedEvent {
  const event: EsdbRecordedEvent | undefined = resolved.event;
  if (!event) {
    throw new InfrastructureError('EventStoreDB returned an unresolved link', { retriable: false });
  }
  const data: JsonValue = event.isJson
    ? (event.data as JsonValue)
    : Buffer.from(event.data as Uint8Array).toString('base64');
  return {
    id: event.id,
    type: event.type,
    data,
    metadata: isPlainObject(event.metadata) ? (event.metadata as EventMetadata) : {},
    streamId: event.streamId,
    streamRevision: event.revision,
    globalPosition: positionOf(resolved).commit,
    recordedAt: event.created,
  };
}
