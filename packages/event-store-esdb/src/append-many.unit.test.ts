/**
 * The pipelining of `appendMany` and `readStreams`, over a scripted client (the
 * server's side is the contract suite's, in esdb.int.test.ts).
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { UnavailableError, type EventStoreDBClient } from '@eventstore/db-client';
import { InfrastructureError, ValidationError } from '@c360/errors';
import type { AppendRequest } from '@c360/event-store';
import { appendMany } from './append-many';
import { runLimited } from './concurrency';
import { getEsdbEventStore } from './index';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const request = (streamId: string): AppendRequest => ({
  streamId,
  events: [{ id: randomUUID(), type: 'SomethingHappened', data: {} }],
});

/** A client whose appends take `delayMs` (per stream) and log when they start and end; `failing` streams fail. */
function scriptedClient(options: { delayMs: Record<string, number>; failing?: string[] }) {
  const log: string[] = [];
  let calls = 0;
  const client = {
    async appendToStream(streamId: string) {
      const call = calls++;
      log.push(`start ${streamId}#${call}`);
      await sleep(options.delayMs[streamId] ?? 5);
      log.push(`end ${streamId}#${call}`);
      if (options.failing?.includes(streamId)) throw new UnavailableError(undefined, '14 UNAVAILABLE: scripted');
      return { success: true, nextExpectedRevision: BigInt(call), position: { commit: BigInt(call), prepare: 0n } };
    },
  };
  return { client: client as unknown as EventStoreDBClient, log };
}

describe('appendMany on EventStoreDB', () => {
  it('given requests for two streams, then each stream’s requests run in order while the streams overlap', async () => {
    const { client, log } = scriptedClient({ delayMs: { a: 20, b: 20 } });
    const results = await appendMany(client, [request('a'), request('b'), request('a'), request('b')]);
    expect(results).toHaveLength(4);
    expect(log.slice(0, 2)).toEqual(['start a#0', 'start b#1']);
    const steps = (stream: string): string[] =>
      log.filter((line) => line.includes(` ${stream}#`)).map((line) => line.split(' ')[0]!);
    expect(steps('a')).toEqual(['start', 'end', 'start', 'end']);
    expect(steps('b')).toEqual(['start', 'end', 'start', 'end']);
  });

  it('given a failing request, then no further request starts and the call rejects, naming it, once the others in flight settled', async () => {
    const { client, log } = scriptedClient({ delayMs: { slow: 60, failing: 5 }, failing: ['failing'] });
    const failure = await appendMany(client, [
      request('slow'),
      request('failing'),
      request('other'),
      request('failing'),
    ]).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(InfrastructureError);
    expect(failure).toMatchObject({ retriable: true, details: { requestIndex: 1, streamId: 'failing' } });
    expect(log).toContain('end slow#0');
    expect(log.filter((line) => line.startsWith('start failing'))).toHaveLength(1);
  });

  it('given an invalid request, then a ValidationError names it before anything is sent', async () => {
    const { client, log } = scriptedClient({ delayMs: {} });
    const failure = await appendMany(client, [
      request('a'),
      { streamId: '$system', events: request('b').events },
    ]).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ValidationError);
    expect((failure as ValidationError).issues[0]?.path).toBe('requests[1].streamId');
    expect(log).toEqual([]);
  });

  it('given an unreachable server, then appendMany and readStreams fail with a retriable InfrastructureError', async () => {
    const store = getEsdbEventStore({ connectionString: 'esdb://127.0.0.1:1?tls=false' });
    expect(store.capabilities.atomicMultiStreamAppend).toBe(false);
    await expect(store.appendMany([request('s-1'), request('s-2')])).rejects.toMatchObject({
      retriable: true,
      code: 'infrastructure_failure',
    });
    await expect(store.readStreams(['s-1', 's-2'])).rejects.toMatchObject({ retriable: true });
    await store.close();
  });
});

describe('runLimited', () => {
  it('given more items than the limit, then at most the limit run at once', async () => {
    let running = 0;
    let most = 0;
    await runLimited(
      Array.from({ length: 40 }, (_, i) => i),
      8,
      async () => {
        most = Math.max(most, ++running);
        await sleep(2);
        running--;
      },
    );
    expect(most).toBe(8);
  });

  it('given a failing task, then no further task starts and it resolves with the error after the others settled', async () => {
    const started: number[] = [];
    const settled: number[] = [];
    const errors = await runLimited([0, 1, 2, 3, 4], 2, async (i) => {
      started.push(i);
      await sleep(i === 0 ? 30 : 5);
      settled.push(i);
      if (i === 1) throw new Error('task 1 failed');
    });
    expect(errors).toEqual([new Error('task 1 failed')]);
    expect(started).toEqual([0, 1]);
    expect(settled).toEqual([1, 0]);
  });
});
