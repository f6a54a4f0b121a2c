import { randomUUID } from 'node:crypto';
import type { EventStore, NewEvent, RecordedEvent } from '../port';

/** A stream id no other test (or run) uses. */
export const uniqueStream = (prefix = 'test'): string => `${prefix}-${randomUUID()}`;

/** `n` small events with fresh ids; `data.n` numbers them from `from`. */
export function newEvents(n: number, options: { type?: string; from?: number } = {}): NewEvent[] {
  return Array.from({ length: n }, (_, i) => ({
    id: randomUUID(),
    type: options.type ?? 'SomethingHappened',
    data: { n: (options.from ?? 0) + i },
    metadata: { causationId: `cause-${i}`, correlationId: 'corr-1' },
  }));
}

/** A comparable identity of an event in the global log. */
export const key = (e: RecordedEvent): string => `${e.globalPosition}:${e.streamId}:${e.streamRevision}:${e.id}`;

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The global position of the newest event visible now (0n on an empty store). */
export async function lastPosition(store: EventStore): Promise<bigint> {
  let after = 0n;
  for (;;) {
    const batch = await store.readAll({ after, limit: 10_000 });
    if (batch.length === 0) return after;
    after = batch[batch.length - 1]!.globalPosition;
  }
}

/** Reads the whole log after `after`, in batches. */
export async function readAllFrom(store: EventStore, after: bigint): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for (;;) {
    const batch = await store.readAll({ after, limit: 2_000 });
    if (batch.length === 0) return all;
    all.push(...batch);
    after = batch[batch.length - 1]!.globalPosition;
  }
}
