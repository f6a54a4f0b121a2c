import { describe, expect, it } from 'vitest';
import { ConcurrencyError, ValidationError } from '@c360/errors';
import type { AppendRequest, EventStore } from '../port';
import { newEvents, uniqueStream } from './fixtures';

const revisions = (events: { streamRevision: bigint }[]): bigint[] => events.map((e) => e.streamRevision);

export function appendManyContract(store: () => EventStore): void {
  describe('multi-stream batch append', () => {
    it('given requests for several streams, when appended as one batch, then each gets its own result, in request order', async () => {
      const streams = [uniqueStream(), uniqueStream(), uniqueStream()];
      const results = await store().appendMany([
        { streamId: streams[0]!, events: newEvents(2), expectedRevision: 'no_stream' },
        { streamId: streams[1]!, events: newEvents(1) },
        { streamId: streams[2]!, events: newEvents(3), expectedRevision: 'any' },
      ]);
      expect(results.map((r) => r.nextExpectedRevision)).toEqual([1n, 0n, 2n]);
      for (const [i, stream] of streams.entries()) {
        const read = await store().readStream(stream);
        expect(read[read.length - 1]?.globalPosition).toBe(results[i]?.position);
      }
    });

    it('given no requests, then it resolves to no results', async () => {
      expect(await store().appendMany([])).toEqual([]);
    });

    it('given an invalid request, then a ValidationError names it and nothing of the batch is written', async () => {
      const valid = uniqueStream();
      const failure = await store()
        .appendMany([
          { streamId: valid, events: newEvents(1) },
          { streamId: uniqueStream(), events: [{ id: 'not-a-uuid', type: 'SomethingHappened', data: {} }] },
        ])
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ValidationError);
      expect((failure as ValidationError).issues[0]?.path).toBe('requests[1].events[0].id');
      expect((failure as ValidationError).details).toMatchObject({ requestIndex: 1 });
      await expect(store().appendMany([{ streamId: valid, events: [] }])).rejects.toBeInstanceOf(ValidationError);
      expect(await store().readStream(valid)).toEqual([]);
    });

    it('given a stale expected revision in the second request, then a ConcurrencyError names it; an atomic store writes nothing of the batch', async () => {
      const [a, b, c] = [uniqueStream(), uniqueStream(), uniqueStream()];
      await store().appendToStream(b, newEvents(2));
      const batch: AppendRequest[] = [
        { streamId: a, events: newEvents(1) },
        { streamId: b, events: newEvents(1), expectedRevision: 0n },
        { streamId: c, events: newEvents(1), expectedRevision: 'no_stream' },
      ];
      const failure = await store()
        .appendMany(batch)
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ConcurrencyError);
      expect(failure).toMatchObject({ details: { requestIndex: 1, streamId: b } });
      expect(await store().readStream(b)).toHaveLength(2);
      if (store().capabilities.atomicMultiStreamAppend) {
        expect(await store().readStream(a)).toEqual([]);
        expect(await store().readStream(c)).toEqual([]);
      }

      // Corrected and retried whole, the batch completes either way (the idempotent replay).
      batch[1]!.expectedRevision = 1n;
      const results = await store().appendMany(batch);
      expect(results.map((r) => r.nextExpectedRevision)).toEqual([0n, 2n, 0n]);
      expect(await store().readStream(a)).toHaveLength(1);
      expect(await store().readStream(c)).toHaveLength(1);
    });

    it('given a batch already appended, when the same batch is appended again, then it reports the same results and nothing is doubled', async () => {
      const [a, b] = [uniqueStream(), uniqueStream()];
      const batch: AppendRequest[] = [
        { streamId: a, events: newEvents(2), expectedRevision: 'no_stream' },
        { streamId: b, events: newEvents(1) },
        { streamId: a, events: newEvents(1), expectedRevision: 1n },
      ];
      const first = await store().appendMany(batch);
      const again = await store().appendMany(batch);
      expect(again).toEqual(first);
      expect(revisions(await store().readStream(a))).toEqual([0n, 1n, 2n]);
      expect(revisions(await store().readStream(b))).toEqual([0n]);
    });

    it('given two requests for one stream in a batch, then they apply in order, the second seeing the first', async () => {
      const stream = uniqueStream();
      const [first, second] = [newEvents(2, { from: 0 }), newEvents(1, { from: 2 })];
      const results = await store().appendMany([
        { streamId: stream, events: first, expectedRevision: 'no_stream' },
        { streamId: stream, events: second, expectedRevision: 1n },
      ]);
      expect(results.map((r) => r.nextExpectedRevision)).toEqual([1n, 2n]);
      const read = await store().readStream(stream);
      expect(read.map((e) => e.id)).toEqual([...first, ...second].map((e) => e.id));
      expect(read[2]?.globalPosition).toBe(results[1]?.position);

      const again = store().appendMany([
        { streamId: stream, events: newEvents(1), expectedRevision: 2n },
        { streamId: stream, events: newEvents(1), expectedRevision: 2n },
      ]);
      await expect(again).rejects.toMatchObject({ details: { requestIndex: 1, streamId: stream } });
    });

    it('given a soft-deleted stream, when a batch recreates it with no_stream, then its revisions continue', async () => {
      const stream = uniqueStream();
      await store().appendToStream(stream, newEvents(2));
      await store().deleteStream(stream);
      const [result] = await store().appendMany([
        { streamId: stream, events: newEvents(1), expectedRevision: 'no_stream' },
      ]);
      expect(result?.nextExpectedRevision).toBe(2n);
      expect(revisions(await store().readStream(stream))).toEqual([2n]);
    });

    it('given batches racing to claim one stream with no_stream, then exactly one wins and the others get a ConcurrencyError', async () => {
      const contested = uniqueStream();
      const batches = Array.from({ length: 4 }, () => [
        { streamId: uniqueStream(), events: newEvents(1) },
        { streamId: contested, events: newEvents(1), expectedRevision: 'no_stream' as const },
      ]);
      const outcomes = await Promise.allSettled(batches.map((batch) => store().appendMany(batch)));
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      for (const [i, outcome] of outcomes.entries()) {
        if (outcome.status === 'fulfilled') continue;
        expect(outcome.reason).toBeInstanceOf(ConcurrencyError);
        expect(outcome.reason).toMatchObject({ details: { requestIndex: 1, streamId: contested } });
        if (store().capabilities.atomicMultiStreamAppend) {
          expect(await store().readStream(batches[i]![0]!.streamId)).toEqual([]);
        }
      }
      expect(await store().readStream(contested)).toHaveLength(1);
    });

    it('given concurrent batches over the same streams in opposite orders, then every batch succeeds', async () => {
      const streams = [uniqueStream(), uniqueStream(), uniqueStream()];
      const writer = async (w: number): Promise<void> => {
        const order = w % 2 === 0 ? streams : [...streams].reverse();
        for (let round = 0; round < 5; round++) {
          await store().appendMany(order.map((streamId) => ({ streamId, events: newEvents(1) })));
        }
      };
      await Promise.all(Array.from({ length: 6 }, (_, w) => writer(w)));
      for (const stream of streams) expect(await store().readStream(stream)).toHaveLength(30);
    });

    it('given 500 requests in one batch, then every request is appended and its result matches its stream', async () => {
      const batch = Array.from({ length: 500 }, (_, i) => ({
        streamId: uniqueStream('batch'),
        events: newEvents(1 + (i % 3)),
      }));
      const results = await store().appendMany(batch);
      expect(results).toHaveLength(500);
      const read = await store().readStreams(batch.map((r) => r.streamId));
      for (const [i, request] of batch.entries()) {
        const events = read.get(request.streamId) ?? [];
        expect(events.map((e) => e.id)).toEqual(request.events.map((e) => e.id));
        expect(results[i]).toEqual({
          nextExpectedRevision: BigInt(request.events.length - 1),
          position: events[events.length - 1]?.globalPosition,
        });
      }
    }, 60_000);
  });
}
