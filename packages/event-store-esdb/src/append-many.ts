/**
 * The multi-stream batch append on ESDB, which has no multi-stream transaction:
 * requests are pipelined — different streams concurrently, one stream's requests
 * in request order — so the batch is not atomic (`atomicMultiStreamAppend:
 * false`). After a failure no further request starts; the call rejects, once
 * every request in flight has settled, with the error of the failed request of
 * lowest index. Requests before or beside it may have been written: the caller
 * retries the whole batch and relies on the idempotent replay (see append.ts for
 * where ESDB's idempotency is only best effort).
 */
import type { EventStoreDBClient } from '@eventstore/db-client';
import { errorOfRequest, type AppendRequest, type AppendResult } from '@c360/event-store';
import { appendToStream, validateAppend } from './append';
import { runLimited } from './concurrency';

/** Streams appended to at once; ESDB multiplexes them over one connection. */
const STREAMS_IN_FLIGHT = 32;

export async function appendMany(
  client: EventStoreDBClient,
  requests: readonly AppendRequest[],
): Promise<AppendResult[]> {
  requests.forEach((request, i) => {
    try {
      validateAppend(request.streamId, request.events, request.expectedRevision ?? 'any');
    } catch (error) {
      throw errorOfRequest(error, i, request.streamId);
    }
  });

  const chains = new Map<string, number[]>();
  requests.forEach((request, i) => {
    const chain = chains.get(request.streamId);
    if (chain) chain.push(i);
    else chains.set(request.streamId, [i]);
  });

  const results: AppendResult[] = new Array<AppendResult>(requests.length);
  const failures: { requestIndex: number; error: unknown }[] = [];
  await runLimited([...chains.values()], STREAMS_IN_FLIGHT, async (chain) => {
    for (const i of chain) {
      if (failures.length > 0) return;
      const { streamId, events, expectedRevision = 'any' } = requests[i]!;
      try {
        results[i] = await appendToStream(client, streamId, events, expectedRevision);
      } catch (error) {
        failures.push({ requestIndex: i, error });
        throw error;
      }
    }
  });

  const first = failures.reduce<(typeof failures)[number] | undefined>(
    (lowest, failure) => (lowest && lowest.requestIndex < failure.requestIndex ? lowest : failure),
    undefined,
  );
  if (first) throw errorOfRequest(first.error, first.requestIndex, requests[first.requestIndex]!.streamId);
  return results;
}
