import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppendRequest, AppendResult, ExpectedRevision, NewEvent } from '@c360/event-store';
import type { Sql } from '@c360/sql';
import type { PostgresEventStore } from './store';

interface Target {
  store: PostgresEventStore;
  sql: Sql;
  dispose(): Promise<void>;
}

/** mulberry32: reproducible choices for a given seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Outcome =
  | { ok: bigint[] }
  | { error: string; requestIndex: unknown; details: Record<string, unknown> }
  | { unexpected: unknown };

/**
 * Random steps over four streams: batches with repeats of a stream, whole and
 * partial replays of earlier requests, expected revisions mostly right (guessed
 * from the stream's current revision) and sometimes wrong; soft deletes in
 * between. Stream ids are relative; each side prefixes its own.
 */
function scenario(seed: number, currentRevision: (streamId: string) => Promise<bigint | undefined>) {
  const rand = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const fresh = (n: number): NewEvent[] =>
    Array.from({ length: n }, (_, i) => ({ id: randomUUID(), type: 'Happened', data: { i, seed } }));
  const sent = new Map<string, NewEvent[][]>();
  return async (): Promise<AppendRequest[] | { delete: string }> => {
    if (rand() < 0.06) return { delete: `s${Math.floor(rand() * 4)}` };
    const guesses = new Map<string, bigint | undefined>();
    const batch: AppendRequest[] = [];
    for (let i = 1 + Math.floor(rand() * 5); i > 0; i--) {
      const streamId = `s${Math.floor(rand() * 4)}`;
      const guess = guesses.has(streamId) ? guesses.get(streamId) : await currentRevision(streamId);
      const earlier = sent.get(streamId) ?? [];
      const roll = rand();
      let events: NewEvent[];
      if (earlier.length > 0 && roll < 0.15) events = pick(earlier);
      else if (earlier.length > 0 && roll < 0.2) events = [pick(earlier)[0]!, ...fresh(1)];
      else events = fresh(1 + Math.floor(rand() * 3));
      sent.set(streamId, [...earlier, events]);
      const right: ExpectedRevision[] =
        guess === undefined ? ['no_stream', 'no_stream', 'any'] : [guess, guess, 'any', 'stream_exists'];
      const wrong: ExpectedRevision[] =
        guess === undefined ? ['stream_exists', 0n] : ['no_stream', guess + 1n, guess - 1n];
      batch.push({ streamId, events, expectedRevision: pick(rand() < 0.1 ? wrong : right) });
      guesses.set(streamId, (guess ?? -1n) + BigInt(events.length));
    }
    return batch;
  };
}

const outcomeOf = async (run: () => Promise<AppendResult[]>, indexOf: () => unknown): Promise<Outcome> => {
  try {
    return { ok: (await run()).map((r) => r.nextExpectedRevision) };
  } catch (error) {
    if (!(error instanceof Error) || !('details' in error)) return { unexpected: error };
    const { requestIndex, streamId: _streamId, ...details } = error.details as Record<string, unknown>;
    return { error: error.name, requestIndex: requestIndex ?? indexOf(), details };
  }
};

/**
 * `appendMany` runs the set-based `es_append_many`, a second implementation of
 * the append rules; the reference is `es_append`, one per request, in one
 * transaction. Same batches on both, same outcomes, same streams afterwards.
 */
export function appendManyEquivalence(connect: () => Promise<Target>): void {
  describe('appendMany against one es_append per request', () => {
    let target: Target;
    beforeAll(async () => {
      target = await connect();
    });
    afterAll(async () => {
      await target?.store.close();
      await target?.dispose();
    });

    it.each([1, 2, 3])(
      'given random batches (seed %i), then appendMany gives the outcomes and streams of sequential appends in a transaction',
      async (seed) => {
        const { store, sql } = target;
        const run = randomUUID();
        const [many, one] = [`many-${run}-`, `one-${run}-`];
        const on = (prefix: string, batch: AppendRequest[]) =>
          batch.map((r) => ({ ...r, streamId: prefix + r.streamId }));
        const next = scenario(seed, async (streamId) => {
          const [last] = await store.readStream(one + streamId, { direction: 'backwards', limit: 1 });
          return last?.streamRevision;
        });
        for (let n = 0; n < 100; n++) {
          const step = await next();
          if ('delete' in step) {
            await store.deleteStream(many + step.delete);
            await store.deleteStream(one + step.delete);
            continue;
          }
          let results: AppendResult[] = [];
          const batched = await outcomeOf(
            async () => (results = await store.appendMany(on(many, step))),
            () => undefined,
          );
          let failedAt: number | undefined;
          const sequential = await outcomeOf(
            () =>
              sql.transaction(async (tx) => {
                const results: AppendResult[] = [];
                for (const [i, r] of on(one, step).entries()) {
                  failedAt = i;
                  results.push(
                    await store.appendIn(tx, r.streamId, r.events, { expectedRevision: r.expectedRevision }),
                  );
                }
                return results;
              }),
            () => failedAt,
          );
          expect({ step, batched }).toEqual({ step, batched: sequential });
          await expectResultsToPointAtTheirEvents(store, on(many, step), results);
        }
        const ids = ['s0', 's1', 's2', 's3'];
        const shape = async (prefix: string) => {
          const read = await store.readStreams(ids.map((id) => prefix + id));
          return ids.map((id) => (read.get(prefix + id) ?? []).map((e) => [e.streamRevision, e.id, e.type, e.data]));
        };
        expect(await shape(many)).toEqual(await shape(one));
      },
      60_000,
    );
  });
}

/** Each result names the revision and position of one stored event (the last written or replayed). */
async function expectResultsToPointAtTheirEvents(
  store: PostgresEventStore,
  batch: AppendRequest[],
  results: AppendResult[],
): Promise<void> {
  for (const [i, result] of results.entries()) {
    const [event] = await store.readStream(batch[i]!.streamId, { fromRevision: result.nextExpectedRevision, limit: 1 });
    // A replay of events from before a soft delete names an event no longer readable.
    if (event?.streamRevision === result.nextExpectedRevision) expect(event.globalPosition).toBe(result.position);
  }
}
