/**
 * Catch-up subscription to $all over ESDB's own subscription (server push: it
 * replays from the checkpoint, then turns live without polling).
 *
 * The client's subscription is a Readable; it is consumed with `for await`, and
 * the handler is awaited inside the loop, so the next event is not even read
 * until the batch in hand is done (backpressure reaches the server through the
 * stream's buffer). Batching: events are collected while more are already
 * buffered, and handed over when the batch is full or the buffer runs dry, so
 * a live subscription never sits on a partial batch.
 */
import { excludeSystemEvents, type EventStoreDBClient } from '@eventstore/db-client';
import { InfrastructureError, ValidationError } from '@c360/errors';
import type { RecordedEvent, SubscribeToAllOptions, Subscription } from '@c360/event-store';
import { isSystemEventType, positionOf, toReadPosition, toRecordedEvent } from './convert';
import { translateError } from './errors';

const DEFAULT_BATCH_SIZE = 500;
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export function subscribeToAll(client: EventStoreDBClient, options: SubscribeToAllOptions): Subscription {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw ValidationError.forPath('batchSize', 'must be a positive integer');
  const after = options.after ?? 0n;
  if (after < 0n) throw ValidationError.forPath('after', 'must not be negative');

  let checkpoint = after;
  let stopping = false;
  // Set when the handler itself threw, so its error reaches `done` untranslated.
  let handlerFailure: { error: unknown } | undefined;
  const source = client.subscribeToAll(
    { fromPosition: toReadPosition(after), filter: excludeSystemEvents() },
    { highWaterMark: Math.min(Math.max(batchSize, 16), 1024) },
  );
  // Errors after we let go of the stream (stop, handler failure) must not become
  // unhandled 'error' events; while iterating, `for await` sees them first.
  source.on('error', () => undefined);

  const run = async (): Promise<void> => {
    let batch: RecordedEvent[] = [];
    try {
      for await (const resolved of source) {
        if (stopping) return;
        const event = resolved.event;
        // ESDB's start position is inclusive: the event at `after` is dropped here.
        // The server filter already excludes `$` types; the check is a cheap guard.
        if (event && !isSystemEventType(event.type) && positionOf(resolved).commit > after) {
          batch.push(toRecordedEvent(resolved));
        }
        if (batch.length === 0) continue;
        // The buffer can look empty while data already received is still passing
        // through the client's async transform (typical while catching up): one
        // turn of the event loop lets it arrive, so replays get full batches.
        if (batch.length < batchSize && source.readableLength === 0) await nextTurn();
        if (stopping) return;
        if (batch.length < batchSize && source.readableLength > 0) continue;
        const handed = batch;
        batch = [];
        await callHandler(handed);
        checkpoint = handed[handed.length - 1]?.globalPosition ?? checkpoint;
        if (stopping) return;
      }
      if (!stopping) throw new InfrastructureError('EventStoreDB ended the $all subscription', { retriable: true });
    } catch (error) {
      if (handlerFailure) throw handlerFailure.error;
      if (stopping) return; // the stream was torn down by stop()
      throw translateError(error);
    } finally {
      await source.unsubscribe().catch(() => undefined);
    }
  };

  const callHandler = async (events: RecordedEvent[]): Promise<void> => {
    try {
      await options.handler(events);
    } catch (error) {
      handlerFailure = { error };
      throw error;
    }
  };

  const done = run();
  // `done` is also returned to the caller; this keeps an unobserved failure from
  // being reported as an unhandled rejection before the caller attaches.
  done.catch(() => undefined);

  return {
    get checkpoint() {
      return checkpoint;
    },
    done,
    async stop() {
      if (!stopping) {
        stopping = true;
        // Cancels the server side and wakes a loop waiting for the next event. A
        // handler still running finishes; the loop then sees `stopping` and ends.
        await source.unsubscribe().catch(() => undefined);
        source.destroy();
      }
      await done.catch(() => undefined);
    },
  };
}
