import type { Bus, Consumer, IncomingMessage } from '@c360/bus';
import { ConcurrencyError, backoffDelay, isRetriable } from '@c360/errors';
import type { EventStore } from '@c360/event-store';
import type { HashedIdentifier, IdentityPolicy } from '@c360/identity';
import { decodeTouchpoint } from '@c360/touchpoint';
import { ingestBatch, type BatchOutcome, type DecodedTouchpoint, type IdentityKeys } from './batch';
import { ingestInChunks, type ChunkOptions } from './pipeline';
import { sendToDeadLetters, type DeadLetter } from './dead-letters';
import { IdentityCache } from './identity-cache';
import { Lru } from '@c360/lru';
import { ingestorMetrics, type IngestorMetrics } from './metrics';

export interface IngestorOptions {
  bus: Bus;
  store: EventStore;
  keys: IdentityKeys;
  policy: IdentityPolicy;
  topics: { touchpoints: string; dlq: string };
  groupId?: string;
  /**
   * Touchpoints per handler call (default 2,000): large enough that its chunks keep
   * appends of several hundred touchpoints and the pipeline's start and end (a chunk
   * decided with nothing to overlap, the last append with nothing decided beside it)
   * weigh little.
   */
  maxBatchSize?: number;
  /** How a bus batch is cut, so one chunk is decided while the one before is appended. */
  chunking?: ChunkOptions;
  /**
   * Retries of a batch that failed with a retriable error (a concurrent writer, a
   * database hiccup) before it is given back to the bus, which delivers it again.
   */
  retry?: { attempts?: number; initialMs?: number; maxMs?: number };
  metrics?: IngestorMetrics;
  now?: () => Date;
  log?: (message: string, error?: unknown) => void;
}

export interface Ingestor {
  readonly consumer: Consumer;
  /** Totals since start (also exported as metrics). */
  readonly totals: BatchOutcome & { deadLetters: number; retries: number };
  stop(): Promise<void>;
}

export const INGESTOR_GROUP = 'c360-ingestor';

/**
 * The ingestor: consumes touchpoints in a consumer group, resolves identity and
 * appends to the event store, a bus batch in chunks each decided while the one before
 * is appended (`ingestInChunks`); the bus commits a batch's offsets only after this
 * handler resolved, i.e. after the last chunk's append. Any number of deliveries, by any number of
 * instances, leave one `TouchpointRecorded` per touchpoint (deterministic event ids,
 * expected revisions, reservation streams).
 *
 * Failures: retriable errors retry the batch with back-off and jitter, then go back to
 * the bus (redelivered later; the partition waits, nothing is lost). A message that
 * cannot be decoded, or that fails alone with a non-retriable error, goes to the
 * dead-letter topic with the error and its original bytes, and the partition moves on.
 */
export function startIngestor(options: IngestorOptions): Ingestor {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => undefined);
  const cache = new IdentityCache(options.store);
  const hashed = new Lru<string, HashedIdentifier>(200_000);
  const deps = { store: options.store, cache, hashed, keys: options.keys, policy: options.policy, now };
  const retry = { attempts: 8, initialMs: 50, maxMs: 5_000, ...options.retry };
  const totals = {
    recorded: 0,
    duplicates: 0,
    merges: 0,
    conflicts: 0,
    customersCreated: 0,
    deadLetters: 0,
    retries: 0,
  };
  let queue = Promise.resolve();

  const countRetry = (error: unknown) => {
    totals.retries += 1;
    const concurrent = error instanceof ConcurrencyError || error === 'stale';
    options.metrics?.retries.inc({ reason: concurrent ? 'concurrency' : 'infrastructure' });
  };
  // As soon as it is appended: a later failure re-delivers it, and then it is a duplicate.
  const record = (outcome: BatchOutcome) => {
    for (const key of Object.keys(outcome) as (keyof BatchOutcome)[]) totals[key] += outcome[key];
    options.metrics?.observe(outcome);
  };

  const withRetries = async (batch: DecodedTouchpoint[]): Promise<BatchOutcome> => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await ingestBatch(batch, deps);
      } catch (error) {
        if (!isRetriable(error) || attempt >= retry.attempts) throw error;
        countRetry(error);
        await sleep(backoffDelay(attempt, retry));
      }
    }
  };

  /** The batch with retries; when it fails for good, its touchpoints one at a time, the failing ones to `letters`. */
  const serially = async (batch: DecodedTouchpoint[], letters: DeadLetter[]): Promise<void> => {
    try {
      record(await withRetries(batch));
    } catch (error) {
      if (isRetriable(error)) throw error;
      log(`batch of ${batch.length} failed (${String(error)}); deciding its touchpoints one at a time`);
      for (const one of batch) {
        try {
          record(await withRetries([one]));
        } catch (alone) {
          if (isRetriable(alone)) throw alone;
          letters.push({ message: one.message, stage: 'resolve', error: alone });
        }
      }
    }
  };

  const handle = async (messages: IncomingMessage[]): Promise<void> => {
    const letters: DeadLetter[] = [];
    const decoded: DecodedTouchpoint[] = [];
    for (const message of messages) {
      try {
        decoded.push({ message, touchpoint: decodeTouchpoint(message.value) });
      } catch (error) {
        letters.push({ message, stage: 'decode', error });
      }
    }
    await ingestInChunks(decoded, deps, {
      ...options.chunking,
      onAppended: record,
      serially: (rest) => serially(rest, letters),
      onFallBack: (reason, rest) => {
        if (reason === 'stale' || isRetriable(reason)) countRetry(reason);
        log(`${rest} of ${decoded.length} touchpoints go the serial way`, reason);
      },
    });
    await sendToDeadLetters(options.bus, options.topics.dlq, letters, now());
    for (const letter of letters)
      log(`dead letter ${letter.message.topic}/${letter.message.partition}@${letter.message.offset}`, letter.error);
    totals.deadLetters += letters.length;
    options.metrics?.deadLetters.inc(letters.length);
  };

  const consumer = options.bus.consume({
    groupId: options.groupId ?? INGESTOR_GROUP,
    topic: options.topics.touchpoints,
    maxBatchSize: options.maxBatchSize ?? 2_000,
    // One batch at a time per process: decisions in a batch build on the ones before.
    handler: (messages) => {
      const run = queue.then(() => handle(messages));
      queue = run.catch(() => undefined);
      return run;
    },
    onHandlerError: (error, batch) => log(`batch of ${batch.length} will be delivered again`, error),
  });

  return {
    consumer,
    totals,
    stop: () => consumer.stop(),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export { ingestorMetrics };
