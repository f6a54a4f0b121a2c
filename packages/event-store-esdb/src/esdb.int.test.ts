/**
 * The shared event store contract, and ESDB-specific checks, against a real
 * EventStoreDB in a container (testcontainers). Without a Docker engine the suites
 * are registered as skipped, titled with the reason.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConcurrencyError } from '@c360/errors';
import type { EventStore, NewEvent, RecordedEvent } from '@c360/event-store';
import { eventStoreContract } from '@c360/event-store/testing';
import { dockerAvailable, startEventStoreDb, type EventStoreDbContainer } from '@c360/testing';
import { getEsdbEventStore } from './index';

const docker = await dockerAvailable();

const newEvent = (type = 'SmokeTested', data: NewEvent['data'] = { n: 1 }): NewEvent => ({
  id: randomUUID(),
  type,
  data,
  metadata: { correlationId: 'smoke' },
});
const streamName = (): string => `smoke-${randomUUID()}`;

const skipReason = docker.ok ? '' : ` (skipped: ${docker.reason})`;

describe.skipIf(!docker.ok)(`EventStoreDB${skipReason}`, () => {
  eventStoreContract('EventStoreDB', async () => {
    const container = await startEventStoreDb();
    return {
      store: getEsdbEventStore({ connectionString: container.connectionString }),
      dispose: () => container.stop(),
    };
  });

  describe('EventStoreDB adapter', () => {
    let container: EventStoreDbContainer;
    let store: EventStore;

    beforeAll(async () => {
      container = await startEventStoreDb();
      store = getEsdbEventStore({ connectionString: container.connectionString });
    }, 180_000);

    afterAll(async () => {
      await store?.close();
      await container?.stop();
    });

    it('given no stream, when appending with no_stream twice, then the second append is a ConcurrencyError', async () => {
      const streamId = streamName();
      const first = await store.appendToStream(streamId, [newEvent()], { expectedRevision: 'no_stream' });
      expect(first.nextExpectedRevision).toBe(0n);

      const second = store.appendToStream(streamId, [newEvent()], { expectedRevision: 'no_stream' });
      await expect(second).rejects.toBeInstanceOf(ConcurrencyError);
      await expect(second).rejects.toMatchObject({ details: { streamId, expected: 'no_stream', actual: '0' } });
    });

    it('given stored events, when the same append is retried, then nothing changes and it reports success', async () => {
      const streamId = streamName();
      const events = [newEvent(), newEvent()];
      const first = await store.appendToStream(streamId, events, { expectedRevision: 'no_stream' });
      const retry = await store.appendToStream(streamId, events, { expectedRevision: 'no_stream' });
      expect(retry).toEqual(first);
      expect(await store.readStream(streamId)).toHaveLength(2);
    });

    it('given a multi-event append, then its position is the last event’s global position and readAll after it is exclusive', async () => {
      const streamId = streamName();
      const result = await store.appendToStream(streamId, [
        newEvent('A', 'text'),
        newEvent('B', 42),
        newEvent('C', null),
      ]);
      const stored = await store.readStream(streamId);
      expect(stored.map((e) => [e.type, e.data, e.streamRevision])).toEqual([
        ['A', 'text', 0n],
        ['B', 42, 1n],
        ['C', null, 2n],
      ]);
      expect(stored[2]?.globalPosition).toBe(result.position);
      expect(stored[0]?.metadata).toEqual({ correlationId: 'smoke' });

      const afterFirst = await store.readAll({ after: stored[0]!.globalPosition, limit: 2 });
      expect(afterFirst.map((e) => e.id)).toEqual([stored[1]?.id, stored[2]?.id]);
      expect(afterFirst.every((e) => !e.type.startsWith('$'))).toBe(true);
    });

    it('given a checkpoint, when subscribing, then the handler sees the events after it in order', async () => {
      const streamId = streamName();
      const before = await store.appendToStream(streamId, [newEvent()]);
      const seen: RecordedEvent[] = [];
      const subscription = store.subscribeToAll({
        after: before.position,
        batchSize: 2,
        handler: async (events) => {
          seen.push(...events.filter((e) => e.streamId === streamId));
        },
      });
      await store.appendToStream(streamId, [newEvent(), newEvent(), newEvent()]);
      await expect.poll(() => seen.length, { timeout: 10_000 }).toBe(3);
      expect(seen.map((e) => e.streamRevision)).toEqual([1n, 2n, 3n]);
      await subscription.stop();
      await expect(subscription.done).resolves.toBeUndefined();
      expect(subscription.checkpoint).toBeGreaterThanOrEqual(seen[2]!.globalPosition);
    });

    it('given a soft-deleted stream, then it reads as empty and no_stream recreates it with revisions continuing', async () => {
      const streamId = streamName();
      await store.appendToStream(streamId, [newEvent(), newEvent()]);
      await store.deleteStream(streamId);
      await store.deleteStream(streamId);
      expect(await store.readStream(streamId)).toEqual([]);

      const recreated = await store.appendToStream(streamId, [newEvent()], { expectedRevision: 'no_stream' });
      expect(recreated.nextExpectedRevision).toBe(2n);
      expect((await store.readStream(streamId)).map((e) => e.streamRevision)).toEqual([2n]);
    });

    it('given metadata, then truncateBefore and custom fields round-trip', async () => {
      const streamId = streamName();
      expect(await store.getStreamMetadata(streamId)).toBeNull();
      await store.appendToStream(streamId, [newEvent(), newEvent()]);
      await store.setStreamMetadata(streamId, { truncateBefore: 1n, custom: { maxAge: 'not ESDB’s', erased: true } });
      expect(await store.getStreamMetadata(streamId)).toEqual({
        truncateBefore: 1n,
        custom: { maxAge: 'not ESDB’s', erased: true },
      });
      expect((await store.readStream(streamId)).map((e) => e.streamRevision)).toEqual([1n]);
    });
  });
});
