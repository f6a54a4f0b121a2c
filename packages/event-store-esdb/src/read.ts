/**
 * Reads: one stream, several streams, and one batch of $all. All drain the
 * client's streaming read with `for await` (never `on('data')`), so events are
 * mapped in order.
 */
import {
  BACKWARDS,
  END,
  FORWARDS,
  START,
  StreamDeletedError,
  StreamNotFoundError,
  type EventStoreDBClient,
  type Position,
  type ReadPosition,
} from '@eventstore/db-client';
import { ValidationError } from '@c360/errors';
import type { ReadAllOptions, ReadStreamOptions, ReadStreamsOptions, RecordedEvent } from '@c360/event-store';
import { runLimited } from './concurrency';
import { isSystemEventType, positionAfter, positionOf, toReadPosition, toRecordedEvent } from './convert';
import { translateError } from './errors';

const DEFAULT_READ_ALL_LIMIT = 1000;
/** Stream reads at once in `readStreams`; ESDB multiplexes them over one connection. */
const READS_IN_FLIGHT = 32;

function checkLimit(limit: number | undefined): void {
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) {
    throw ValidationError.forPath('limit', 'must be a non-negative integer');
  }
}

/** Events of one stream; `[]` when ESDB says the stream is absent, soft-deleted or tombstoned. */
export async function readStream(
  client: EventStoreDBClient,
  streamId: string,
  options: ReadStreamOptions = {},
): Promise<RecordedEvent[]> {
  const { limit, fromRevision } = options;
  checkLimit(limit);
  if (fromRevision !== undefined && fromRevision < 0n) {
    throw ValidationError.forPath('fromRevision', 'must not be negative');
  }
  if (limit === 0) return [];
  const backwards = options.direction === 'backwards';
  const events: RecordedEvent[] = [];
  try {
    const read = client.readStream(streamId, {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision: fromRevision ?? (backwards ? END : START),
      ...(limit === undefined ? {} : { maxCount: limit }),
    });
    for await (const resolved of read) events.push(toRecordedEvent(resolved));
  } catch (error) {
    if (error instanceof StreamNotFoundError || error instanceof StreamDeletedError) return [];
    throw translateError(error, { streamId });
  }
  return events;
}

/**
 * Several streams, each read forwards by `readStream` (so ESDB's own soft delete
 * and `$tb` apply), a bounded number at a time. Streams without a readable
 * event are left out; keys follow the order of `streamIds`.
 */
export async function readStreams(
  client: EventStoreDBClient,
  streamIds: readonly string[],
  options: ReadStreamsOptions = {},
): Promise<Map<string, RecordedEvent[]>> {
  checkLimit(options.limit);
  const unique = [...new Set(streamIds)];
  const found = new Map<string, RecordedEvent[]>();
  const errors = await runLimited(unique, READS_IN_FLIGHT, async (streamId) => {
    const events = await readStream(client, streamId, options.limit === undefined ? {} : { limit: options.limit });
    if (events.length > 0) found.set(streamId, events);
  });
  if (errors.length > 0) throw errors[0];
  const result = new Map<string, RecordedEvent[]>();
  for (const streamId of unique) {
    const events = found.get(streamId);
    if (events) result.set(streamId, events);
  }
  return result;
}

/**
 * One batch of $all strictly after `after`, without ESDB's system events.
 *
 * ESDB's `fromPosition` is inclusive, so the event at `after` comes back first
 * and is dropped here. The client (6.x) has no server-side filter for reads, so
 * `$`-typed events are dropped here too, and a batch that lost events to the
 * filter is topped up with further pages, each starting (inclusively) at the
 * last position seen. Each page asks for exactly what is still missing plus the
 * repeated first event, so no read is cut short and none needs cancelling.
 */
export async function readAll(client: EventStoreDBClient, options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
  const limit = options.limit ?? DEFAULT_READ_ALL_LIMIT;
  if (!Number.isInteger(limit) || limit < 1) throw ValidationError.forPath('limit', 'must be a positive integer');
  const after = options.after ?? 0n;
  if (after < 0n) throw ValidationError.forPath('after', 'must not be negative');

  const events: RecordedEvent[] = [];
  let from: ReadPosition = toReadPosition(after);
  let lastSeen: Position | undefined;
  try {
    while (events.length < limit) {
      const maxCount = limit - events.length + 1;
      let received = 0;
      for await (const resolved of client.readAll({ direction: FORWARDS, fromPosition: from, maxCount })) {
        received += 1;
        const position = positionOf(resolved);
        if (lastSeen && !positionAfter(position, lastSeen)) continue;
        lastSeen = position;
        if (position.commit <= after || events.length >= limit) continue;
        if (!resolved.event || isSystemEventType(resolved.event.type)) continue;
        events.push(toRecordedEvent(resolved));
      }
      if (received < maxCount || !lastSeen) break; // the end of $all
      from = lastSeen;
    }
  } catch (error) {
    throw translateError(error);
  }
  return events;
}
