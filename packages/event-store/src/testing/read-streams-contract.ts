import { describe, expect, it } from 'vitest';
import { ValidationError } from '@c360/errors';
import type { EventStore } from '../port';
import { newEvents, uniqueStream } from './fixtures';

export function readStreamsContract(store: () => EventStore): void {
  describe('reading several streams', () => {
    /** One stream of each kind a reader can meet; only `existing` and `truncated` have readable events. */
    async function givenStreamsOfEveryKind() {
      const kinds = {
        existing: uniqueStream(),
        missing: uniqueStream(),
        deleted: uniqueStream(),
        truncated: uniqueStream(),
        truncatedPastEnd: uniqueStream(),
      };
      await store().appendToStream(kinds.existing, newEvents(3));
      await store().appendToStream(kinds.deleted, newEvents(2));
      await store().deleteStream(kinds.deleted);
      await store().appendToStream(kinds.truncated, newEvents(5));
      await store().setStreamMetadata(kinds.truncated, { truncateBefore: 3n });
      await store().appendToStream(kinds.truncatedPastEnd, newEvents(2));
      await store().setStreamMetadata(kinds.truncatedPastEnd, { truncateBefore: 5n });
      return kinds;
    }

    it('given existing, missing, soft-deleted and truncated streams, when read together, then each readable stream maps to what readStream returns and the others are absent', async () => {
      const s = await givenStreamsOfEveryKind();
      const read = await store().readStreams([s.missing, s.truncated, s.deleted, s.existing, s.truncatedPastEnd]);
      expect([...read.keys()]).toEqual([s.truncated, s.existing]);
      expect(read.get(s.existing)).toEqual(await store().readStream(s.existing));
      expect(read.get(s.truncated)).toEqual(await store().readStream(s.truncated));
      expect(read.get(s.truncated)?.map((e) => e.streamRevision)).toEqual([3n, 4n]);
    });

    it('given limit 1, then each readable stream maps to its first readable event', async () => {
      const s = await givenStreamsOfEveryKind();
      const read = await store().readStreams(Object.values(s), { limit: 1 });
      expect([...read.keys()]).toEqual([s.existing, s.truncated]);
      for (const stream of [s.existing, s.truncated]) {
        expect(read.get(stream)).toEqual(await store().readStream(stream, { limit: 1 }));
      }
      expect(read.get(s.truncated)?.[0]?.streamRevision).toBe(3n);
    });

    it('given 1,000 streams in one call, then each comes back whole, in revision order, equal to readStream', async () => {
      const batch = Array.from({ length: 1_000 }, (_, i) => ({
        streamId: uniqueStream('many'),
        events: newEvents(1 + (i % 3)),
      }));
      for (let i = 0; i < batch.length; i += 250) await store().appendMany(batch.slice(i, i + 250));
      const ids = batch.map((r) => r.streamId);
      const read = await store().readStreams([...ids, uniqueStream('missing')]);
      expect([...read.keys()]).toEqual(ids);
      const single = await Promise.all(ids.map((id) => store().readStream(id)));
      for (const [i, id] of ids.entries()) {
        expect(read.get(id)).toEqual(single[i]);
        expect(read.get(id)?.map((e) => e.id)).toEqual(batch[i]!.events.map((e) => e.id));
      }
    }, 60_000);

    it('given no ids, or one id twice, then the map is empty, or holds the stream once', async () => {
      const stream = uniqueStream();
      await store().appendToStream(stream, newEvents(2));
      expect((await store().readStreams([])).size).toBe(0);
      const read = await store().readStreams([stream, stream]);
      expect([...read.keys()]).toEqual([stream]);
      expect(read.get(stream)).toHaveLength(2);
    });

    it('given a negative or fractional limit, then it is a ValidationError', async () => {
      await expect(store().readStreams([uniqueStream()], { limit: -1 })).rejects.toBeInstanceOf(ValidationError);
      await expect(store().readStreams([uniqueStream()], { limit: 1.5 })).rejects.toBeInstanceOf(ValidationError);
    });
  });
}
