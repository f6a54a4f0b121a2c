import { describe, expect, it } from 'vitest';
import type { EventStore, RecordedEvent } from '../port';
import { key, lastPosition, newEvents, readAllFrom, sleep, uniqueStream } from './fixtures';

async function waitUntil(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

export function subscriptionContract(store: () => EventStore): void {
  describe('catch-up subscription', () => {
    it('given history, when subscribing from a checkpoint, then it replays after it and turns live without gaps', async () => {
      const stream = uniqueStream();
      const start = await lastPosition(store());
      await store().appendToStream(stream, newEvents(30));
      const seen: RecordedEvent[] = [];
      const subscription = store().subscribeToAll({
        after: start,
        batchSize: 7,
        handler: async (events) => void seen.push(...events),
      });
      await waitUntil(() => seen.length >= 30, 20_000, 'catch-up');
      await store().appendToStream(stream, newEvents(10, { from: 30 }));
      await waitUntil(() => seen.length >= 40, 20_000, 'live events');
      await subscription.stop();
      expect(seen.map((e) => (e.data as { n: number }).n)).toEqual(Array.from({ length: 40 }, (_, i) => i));
      expect(subscription.checkpoint).toBe(seen[39]?.globalPosition);
    });

    it('given a handler that crashes mid-way, when resubscribing from its checkpoint, then every event is seen once after it', async () => {
      const stream = uniqueStream();
      const start = await lastPosition(store());
      await store().appendToStream(stream, newEvents(50));
      const firstRun: RecordedEvent[] = [];
      const crashing = store().subscribeToAll({
        after: start,
        batchSize: 10,
        handler: async (events) => {
          if (firstRun.length >= 20) throw new Error('process crashed');
          firstRun.push(...events);
        },
      });
      await expect(crashing.done).rejects.toThrow('process crashed');
      expect(crashing.checkpoint).toBe(firstRun[firstRun.length - 1]?.globalPosition);

      const secondRun: RecordedEvent[] = [];
      const resumed = store().subscribeToAll({
        after: crashing.checkpoint,
        handler: async (events) => void secondRun.push(...events),
      });
      await waitUntil(() => firstRun.length + secondRun.length >= 50, 20_000, 'resume');
      await resumed.stop();
      const ns = [...firstRun, ...secondRun].map((e) => (e.data as { n: number }).n);
      expect(ns).toEqual(Array.from({ length: 50 }, (_, i) => i));
    });

    it('given 8 concurrent writers for several seconds, then a subscriber started before them sees exactly the final read-all sequence', async () => {
      const start = await lastPosition(store());
      const seen: RecordedEvent[] = [];
      const subscription = store().subscribeToAll({
        after: start,
        batchSize: 200,
        handler: async (events) => void seen.push(...events),
      });
      const runUntil = Date.now() + 3_000;
      let maxPosition = start;
      const writer = async (w: number): Promise<number> => {
        const streams = Array.from({ length: 4 }, () => uniqueStream(`writer${w}`));
        let appended = 0;
        for (let i = 0; Date.now() < runUntil; i++) {
          const size = 1 + (i % 3);
          const result = await store().appendToStream(streams[i % streams.length]!, newEvents(size));
          if (result.position > maxPosition) maxPosition = result.position;
          appended += size;
        }
        return appended;
      };
      const counts = await Promise.all(Array.from({ length: 8 }, (_, w) => writer(w)));
      const total = counts.reduce((a, b) => a + b, 0);
      await waitUntil(
        () => seen.length >= total && seen[seen.length - 1]!.globalPosition >= maxPosition,
        30_000,
        'subscriber',
      );
      await sleep(100); // anything past the expected total would be a duplicate; give it a chance to show
      await subscription.stop();
      const finalRead = await readAllFrom(store(), start);
      expect(total).toBeGreaterThan(100);
      expect(finalRead).toHaveLength(total);
      expect(seen.map(key)).toEqual(finalRead.map(key));
    }, 60_000);
  });
}
