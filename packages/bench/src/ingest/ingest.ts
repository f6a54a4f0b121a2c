/**
 * The subject: the whole run published first (untimed), then one ingestor
 * instance started and timed from its start — group join included — until it
 * has recorded every touchpoint; then the store is read back and checked: each
 * touchpoint recorded exactly once, each person exactly one live customer.
 * Beside it, the bus alone: a fresh group consuming and decoding the same topic.
 */
import type { Bus, OutgoingMessage } from '@c360/bus';
import type { Ingestor } from '@c360/ingestor';
import { identityErrors, ingestStack, readOutcome, STACK_TOPICS, type StoreOutcome } from '@c360/ingestor/testing';
import { sleep, throughput, timed, type Throughput } from '../measure';
import { busPipe } from '../bus/ours';
import { consumePhase, publishPhase, type Consumed } from '../bus/phases';
import { failure, type Pipe } from '../bus/pipe';
import type { IngestBackend } from './backends';
import type { IngestBenchConfig } from './config';
import { profiled } from './profile';
import { countingSql, type StatementFigures } from '../sql-counter';
import { INGEST_STATEMENTS } from './sql-counter';
import { chunks, type IngestWorkload } from './workload';

const PUBLISHERS = 4;

export interface IngestFigures {
  publish: Throughput;
  publishBatch: number;
  consumeOnly: Consumed;
  ingest: Throughput;
  /** From the start of the instance until it had joined its group and been assigned partitions. */
  joinSeconds: number;
  totals: Ingestor['totals'];
  /** The ingestor's store and keyring statements during the timed ingest, by kind. */
  statements: Map<string, StatementFigures>;
  /** Messages in each handler call of the ingestor during the timed ingest (redeliveries included). */
  batchSizes: number[];
  /** Events in the store afterwards: touchpoints, customers, links, claims, merges, conflicts. */
  eventsStored: number;
  /** What the read-back found wrong; empty when the outcome is exact. */
  problems: string[];
  /** How long reading the store back and checking it took (untimed). */
  verifySeconds: number;
  /** Profiles of the timed ingest written (none unless asked for). */
  profiles: string[];
}

/** The bus as the ingestor sees it, recording the size of every batch handed to its handler. */
function recordingBatches(bus: Bus, sizes: number[]): Bus {
  return {
    ...bus,
    consume: (options) =>
      bus.consume({
        ...options,
        handler: (batch) => {
          sizes.push(batch.length);
          return options.handler(batch);
        },
      }),
  };
}

/** Resolves once `done()` holds; rejects on `failed` or when `progress()` stands still for `stallMs`. */
async function until(
  done: () => boolean,
  progress: () => string,
  failed: Promise<never>,
  stallMs: number,
): Promise<void> {
  let last = progress();
  let lastChange = Date.now();
  const polled = (async () => {
    while (!done()) {
      await sleep(10);
      const now = progress();
      if (now !== last) [last, lastChange] = [now, Date.now()];
      else if (Date.now() - lastChange > stallMs) throw new Error(`stalled at ${now} for ${stallMs / 1000} s`);
    }
  })();
  await Promise.race([polled, failed]);
}

/** The store's outcome once read-all shows every touchpoint (read-all lags behind transactions open on the server). */
async function outcomeOf(read: () => Promise<StoreOutcome>, touchpoints: number): Promise<StoreOutcome> {
  let outcome = await read();
  const deadline = Date.now() + 60_000;
  while (outcome.recordedCount.size < touchpoints && Date.now() < deadline) {
    await sleep(250);
    outcome = await read();
  }
  return outcome;
}

function problemsOf(workload: IngestWorkload, outcome: StoreOutcome, totals: Ingestor['totals']): string[] {
  const problems: string[] = [];
  const expected = workload.touchpoints.length;
  if (outcome.recordedCount.size !== expected) {
    problems.push(`${outcome.recordedCount.size} touchpoints recorded of ${expected}`);
  }
  const twice = [...outcome.recordedCount.values()].filter((n) => n !== 1).length;
  if (twice > 0) problems.push(`${twice} touchpoints recorded more than once`);
  const stray = [...outcome.recordedCount.keys()].filter((id) => !workload.ids.has(id)).length;
  if (stray > 0) problems.push(`${stray} recorded touchpoints were never published`);
  const { split, glued } = identityErrors(workload, outcome);
  if (split.length > 0) problems.push(`${split.length} persons split over several customers (e.g. ${split[0]})`);
  if (glued.length > 0) problems.push(`${glued.length} customers hold several persons (e.g. ${glued[0]})`);
  if (outcome.liveCustomers.size !== workload.people.length) {
    problems.push(`${outcome.liveCustomers.size} live customers for ${workload.people.length} persons`);
  }
  if (totals.deadLetters > 0) problems.push(`${totals.deadLetters} dead letters`);
  return problems;
}

export async function ingestRun(
  backend: IngestBackend,
  workload: IngestWorkload,
  config: IngestBenchConfig,
): Promise<IngestFigures> {
  const { bus } = backend;
  const topic = STACK_TOPICS.touchpoints;
  const expected = workload.touchpoints.length;

  // The topic exists (see backends.ts); the intake's messages as they are, encoded once.
  const pipe = busPipe(bus, { createTopic: async () => undefined, maxBatchSize: config.batchSize });
  const encoded: Pipe<OutgoingMessage> = { ...pipe, publish: (name, batch) => bus.publish(name, [...batch]) };
  const publish = await publishPhase(encoded, topic, chunks(workload.messages, backend.publishBatch), PUBLISHERS);

  await backend.settle();
  const consumeOnly = await consumePhase(pipe, topic, { expected, ids: workload.ids, stallMs: config.stallMs });

  const counter = countingSql(backend.sql, INGEST_STATEMENTS);
  const batchSizes: number[] = [];
  const stack = await ingestStack({ sql: counter.sql, bus: recordingBatches(bus, batchSizes) });
  try {
    await backend.settle();
    counter.reset();
    batchSizes.length = 0;
    let joinSeconds = 0;
    let instance: Ingestor | undefined;
    const { result: run, files } = await profiled(config.profileDir, `ingest-${backend.key}`, () =>
      timed(async () => {
        const start = performance.now();
        const ingestor = (instance = stack.startInstance({ maxBatchSize: config.batchSize }));
        void ingestor.consumer.ready.then(() => (joinSeconds = (performance.now() - start) / 1000));
        const { totals } = ingestor;
        // Recorded counts first recordings only: a redelivered touchpoint counts as a duplicate.
        await until(
          () => totals.recorded + totals.deadLetters >= expected,
          () =>
            `${totals.recorded} of ${expected} recorded, ${totals.duplicates} duplicates, ${totals.deadLetters} dead letters`,
          failure(ingestor.consumer.done, 'the ingestor'),
          config.stallMs,
        );
      }),
    );
    const statements = counter.snapshot();
    const batches = [...batchSizes];
    await instance!.stop();
    const totals = { ...instance!.totals };

    const verified = await timed(async () => {
      // Statistics for the read-back only: without them (PGlite has no autovacuum) read-all's plan sorts the
      // whole table for every page, which makes reading everything quadratic.
      await backend.sql.exec('ANALYZE es_events');
      const outcome = await outcomeOf(() => readOutcome(stack.store), expected);
      return problemsOf(workload, outcome, totals);
    });
    const { rows } = await backend.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM es_events');
    return {
      publish,
      publishBatch: backend.publishBatch,
      consumeOnly,
      ingest: throughput(expected, run),
      joinSeconds,
      totals,
      statements,
      batchSizes: batches,
      eventsStored: rows[0]?.n ?? 0,
      problems: verified.result,
      verifySeconds: verified.seconds,
      profiles: files,
    };
  } finally {
    await stack.close();
  }
}
