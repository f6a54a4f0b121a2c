import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConcurrencyError } from '@c360/errors';
import type { EventStore, RecordedEvent } from '../port';
import { appendManyContract } from './append-many-contract';
import { lastPosition, newEvents, uniqueStream } from './fixtures';
import { readStreamsContract } from './read-streams-contract';
import { subscriptionContract } from './subscription-contract';

export interface ContractTarget {
  store: EventStore;
  dispose(): Promise<void>;
}

/**
 * The event store contract: every adapter runs this same suite. `connect` gives
 * a store over an empty (or at least private) database.
 */
export function eventStoreContract(name: string, connect: () => Promise<ContractTarget>): void {
  describe(`event store contract: ${name}`, () => {
    let target: ContractTarget;
    const store = (): EventStore => target.store;
    beforeAll(async () => {
      target = await connect();
    }, 120_000);
    afterAll(async () => {
      await target?.store.close();
      await target?.dispose();
    });

    describe('append with expected revision', () => {
      it('given no stream, when appending with no_stream, then revisions start at 0 and a global position is returned', async () => {
        const stream = uniqueStream();
        const result = await store().appendToStream(stream, newEvents(3), { expectedRevision: 'no_stream' });
        expect(result.nextExpectedRevision).toBe(2n);
        expect(result.position).toBeGreaterThan(0n);
        const read = await store().readStream(stream);
        expect(read.map((e) => e.streamRevision)).toEqual([0n, 1n, 2n]);
        expect(read[2]?.globalPosition).toBe(result.position);
      });

      it('given an existing stream, when appending with no_stream, then a ConcurrencyError is raised and nothing is written', async () => {
        const stream = uniqueStream();
        await store().appendToStream(stream, newEvents(1), { expectedRevision: 'no_stream' });
        await expect(
          store().appendToStream(stream, newEvents(1), { expectedRevision: 'no_stream' }),
        ).rejects.toBeInstanceOf(ConcurrencyError);
        expect(await store().readStream(stream)).toHaveLength(1);
      });

      it('given no stream, when appending with stream_exists, then a ConcurrencyError is raised; given one, it appends', async () => {
        const stream = uniqueStream();
        await expect(
          store().appendToStream(stream, newEvents(1), { expectedRevision: 'stream_exists' }),
        ).rejects.toBeInstanceOf(ConcurrencyError);
        await store().appendToStream(stream, newEvents(1));
        const result = await store().appendToStream(stream, newEvents(1), { expectedRevision: 'stream_exists' });
        expect(result.nextExpectedRevision).toBe(1n);
      });

      it('given a stream at revision 1, when appending with exact revisions, then only 1 succeeds', async () => {
        const stream = uniqueStream();
        await store().appendToStream(stream, newEvents(2));
        await expect(store().appendToStream(stream, newEvents(1), { expectedRevision: 0n })).rejects.toBeInstanceOf(
          ConcurrencyError,
        );
        await expect(store().appendToStream(stream, newEvents(1), { expectedRevision: 2n })).rejects.toBeInstanceOf(
          ConcurrencyError,
        );
        const result = await store().appendToStream(stream, newEvents(1), { expectedRevision: 1n });
        expect(result.nextExpectedRevision).toBe(2n);
      });

      it('given two writers racing with the same expected revision, then exactly one wins', async () => {
        const stream = uniqueStream();
        await store().appendToStream(stream, newEvents(1));
        const outcomes = await Promise.allSettled(
          Array.from({ length: 6 }, () => store().appendToStream(stream, newEvents(1), { expectedRevision: 0n })),
        );
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(ConcurrencyError);
        expect(await store().readStream(stream)).toHaveLength(2);
      });
    });

    describe('idempotent append', () => {
      it('given events already appended, when the same events are appended again, then nothing changes and it reports success', async () => {
        const stream = uniqueStream();
        const events = newEvents(3);
        const first = await store().appendToStream(stream, events, { expectedRevision: 'no_stream' });
        const again = await store().appendToStream(stream, events, { expectedRevision: 'no_stream' });
        expect(again).toEqual(first);
        const anyAgain = await store().appendToStream(stream, events, { expectedRevision: 'any' });
        expect(anyAgain.nextExpectedRevision).toBe(first.nextExpectedRevision);
        expect((await store().readStream(stream)).map((e) => e.id)).toEqual(events.map((e) => e.id));
      });

      it('given concurrent retries of one append, then the stream holds the events once', async () => {
        const stream = uniqueStream();
        const events = newEvents(2);
        await Promise.all(Array.from({ length: 5 }, () => store().appendToStream(stream, events)));
        expect(await store().readStream(stream)).toHaveLength(2);
      });
    });

    describe('reading', () => {
      it('given 10 events, when reading forwards and backwards with from and limit, then the right slices come back', async () => {
        const stream = uniqueStream();
        await store().appendToStream(stream, newEvents(10));
        const n = (events: RecordedEvent[]): number[] => events.map((e) => (e.data as { n: number }).n);
        expect(n(await store().readStream(stream))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        expect(n(await store().readStream(stream, { fromRevision: 4n, limit: 3 }))).toEqual([4, 5, 6]);
        expect(n(await store().readStream(stream, { direction: 'backwards', limit: 3 }))).toEqual([9, 8, 7]);
        expect(n(await store().readStream(stream, { direction: 'backwards', fromRevision: 2n }))).toEqual([2, 1, 0]);
      });

      it('given no such stream, when reading it, then it is empty', async () => {
        expect(await store().readStream(uniqueStream())).toEqual([]);
      });

      it('given events, then each carries id, type, data, metadata, revision, position and recorded-at', async () => {
        const stream = uniqueStream();
        const before = Date.now();
        const [event] = newEvents(1, { type: 'CustomerRegistered' });
        if (!event) throw new Error('fixture');
        event.metadata = { causationId: 'tp-1', correlationId: 'corr-9', ruleVersion: 'v3', nested: { a: [1, 'b'] } };
        const result = await store().appendToStream(stream, [event]);
        const [read] = await store().readStream(stream);
        expect(read).toMatchObject({
          id: event.id,
          type: 'CustomerRegistered',
          data: event.data,
          metadata: event.metadata,
          streamId: stream,
          streamRevision: 0n,
          globalPosition: result.position,
        });
        expect(read?.recordedAt).toBeInstanceOf(Date);
        expect(read?.recordedAt.getTime()).toBeGreaterThanOrEqual(before - 5_000);
      });

      it('given a 1 MB payload with non-ASCII text, then it round-trips unchanged', async () => {
        const stream = uniqueStream();
        const text = '李雷 Zoë Ørsted — ☕ 👩‍👩‍👧 '.repeat(40_000).slice(0, 1_000_000);
        const data = { name: '韩梅梅', note: text, nested: { emoji: '🛒', umlaut: 'Müller' } };
        await store().appendToStream(stream, [
          { id: crypto.randomUUID(), type: 'BigThing', data, metadata: { who: 'Zoë' } },
        ]);
        const [read] = await store().readStream(stream);
        expect(read?.data).toEqual(data);
        expect(read?.metadata).toMatchObject({ who: 'Zoë' });
      });

      it('given appends across streams, when reading all in batches, then positions strictly increase and cover every event once', async () => {
        const streams = [uniqueStream(), uniqueStream(), uniqueStream()];
        const start = await lastPosition(store());
        const appended: string[] = [];
        for (let round = 0; round < 4; round++) {
          for (const stream of streams) {
            const events = newEvents(2, { from: round * 2 });
            await store().appendToStream(stream, events);
            appended.push(...events.map((e) => e.id));
          }
        }
        const seen: RecordedEvent[] = [];
        let after = start;
        for (;;) {
          const batch = await store().readAll({ after, limit: 5 });
          if (batch.length === 0) break;
          expect(batch.length).toBeLessThanOrEqual(5);
          seen.push(...batch);
          after = batch[batch.length - 1]!.globalPosition;
        }
        const positions = seen.map((e) => e.globalPosition);
        expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : 1)));
        expect(new Set(positions).size).toBe(positions.length);
        expect(seen.map((e) => e.id).filter((id) => appended.includes(id))).toEqual(appended);
      });
    });

    describe('stream metadata', () => {
      it('given truncateBefore, then earlier events are no longer read and the metadata reads back', async () => {
        const stream = uniqueStream();
        expect(await store().getStreamMetadata(stream)).toBeNull();
        await store().appendToStream(stream, newEvents(5));
        await store().setStreamMetadata(stream, { truncateBefore: 3n, custom: { reason: 'erasure request 42' } });
        expect(await store().getStreamMetadata(stream)).toEqual({
          truncateBefore: 3n,
          custom: { reason: 'erasure request 42' },
        });
        expect((await store().readStream(stream)).map((e) => e.streamRevision)).toEqual([3n, 4n]);
      });

      it('given a soft-deleted stream, then it reads empty, and appending again recreates it with revisions continuing', async () => {
        const stream = uniqueStream();
        await store().appendToStream(stream, newEvents(3));
        await store().deleteStream(stream);
        expect(await store().readStream(stream)).toEqual([]);
        await expect(
          store().appendToStream(stream, newEvents(1), { expectedRevision: 'stream_exists' }),
        ).rejects.toBeInstanceOf(ConcurrencyError);
        const result = await store().appendToStream(stream, newEvents(1), { expectedRevision: 'no_stream' });
        expect(result.nextExpectedRevision).toBe(3n);
        expect((await store().readStream(stream)).map((e) => e.streamRevision)).toEqual([3n]);
      });

      it('given no such stream, when deleting it, then nothing fails', async () => {
        await expect(store().deleteStream(uniqueStream())).resolves.toBeUndefined();
      });
    });

    appendManyContract(store);
    readStreamsContract(store);
    subscriptionContract(store);
  });
}
