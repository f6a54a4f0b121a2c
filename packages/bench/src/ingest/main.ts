/**
 * `npm run bench:ingest`: touchpoints of a population with overlapping identifiers
 * through the ingestor — bus → identity resolution → event store — on the embedded
 * stack (PGlite + embedded log), on a PostgreSQL server with the embedded log, and
 * on Kafka (librdkafka's mock cluster) with PostgreSQL; each rate next to a plain
 * batched append of the same events without resolution on the same kind of
 * database, measured in the same run. A benchmark, not a test: it exits 0 unless a
 * phase failed or the store's outcome was wrong (a touchpoint not recorded exactly
 * once, a person split over customers, customers glued together).
 */
import { probePostgres } from '@c360/testing';
import { guarded, timed } from '../measure';
import { benchSummaryLine, formatCount, renderTable, renderTargets, throughputLine } from '../report';
import { loadAverage, machineLine, runMeta, startRun, wallSeconds } from '../run';
import { kafkaUnavailable } from '../bus/kafka';
import { BACKEND_NAMES, openKafka, openPglite, openPostgres, type IngestBackend } from './backends';
import { loadConfig, type BackendKey, type IngestBenchConfig } from './config';
import { ingestRun } from './ingest';
import { buildPlainAppend, plainAppend, type PlainAppend, type PlainAppendRun } from './plain-append';
import { jsonLine, tableFor, targetsFor, type BackendResult } from './report';
import { buildWorkload, type IngestWorkload } from './workload';

const log = (line: string): void => console.log(line);

/** Why a backend cannot run on this machine, or undefined when it can. */
async function unavailable(key: BackendKey): Promise<string | undefined> {
  if (key === 'pglite') return undefined;
  const probe = await probePostgres();
  if (!probe.ok) return probe.reason;
  return key === 'kafka' ? kafkaUnavailable() : undefined;
}

async function measure(
  backend: IngestBackend,
  w: IngestWorkload,
  reference: PlainAppendRun,
  config: IngestBenchConfig,
): Promise<BackendResult> {
  const started = performance.now();
  log(`\n${backend.description}`);
  const ingest = await ingestRun(backend, w, config);
  log(throughputLine('pre-publish (untimed)', ingest.publish, 'msg/s'));
  log(throughputLine('bus consume-only', ingest.consumeOnly, 'msg/s'));
  log(throughputLine('ingest', ingest.ingest, 'tp/s'));
  log(`  read back and checked in ${ingest.verifySeconds.toFixed(1)} s`);
  if (ingest.problems.length > 0) {
    log(`  OUTCOME WRONG: ${ingest.problems.join('; ')}`);
    process.exitCode = 1;
  }
  let plain: PlainAppend | undefined;
  await guarded(backend.openReference, async (db) => void (plain = await plainAppend(db, reference, backend.settle)));
  log(throughputLine(`plain append x${config.batchSize}`, plain!, 'ev/s'));
  const seconds = (performance.now() - started) / 1000;
  return {
    key: backend.key,
    name: backend.name,
    outcome: 'measured',
    description: backend.description,
    seconds,
    plain: plain!,
    ingest,
  };
}

async function runBackend(
  key: BackendKey,
  w: IngestWorkload,
  reference: PlainAppendRun,
  config: IngestBenchConfig,
): Promise<BackendResult> {
  const name = BACKEND_NAMES[key];
  const reason = await unavailable(key);
  if (reason !== undefined) {
    log(`\n${name}: n/a (${reason})`);
    return { key, name, outcome: 'SKIP', reason };
  }
  const open = {
    pglite: () => openPglite(config),
    postgres: () => openPostgres(config),
    kafka: () => openKafka(config, { bytes: w.bytes, messages: w.messages.length }),
  }[key];
  let result: BackendResult | undefined;
  try {
    await guarded(open, async (backend) => void (result = await measure(backend, w, reference, config)));
  } catch (error) {
    console.error(`\n!!! ${name} FAILED: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
    return { key, name, outcome: 'FAILED', reason: (error as Error).message };
  }
  return result!;
}

async function main(): Promise<void> {
  const config = loadConfig(process.argv.slice(2));
  const run = startRun();
  log(`bench:ingest — ${run.started.toISOString()}`);
  log(machineLine());

  const built = await timed(async () => buildWorkload(config));
  const w = built.result;
  const keys = new Set(w.messages.map((m) => m.key)).size;
  const workloadNote =
    `workload: population({ people: ${formatCount(config.people)}, touchpoints: ${formatCount(config.touchpoints)} }) ` +
    `of @c360/ingestor/testing — 2–4 identifiers per person, each touchpoint carrying 1–2 of them, the first of each ` +
    `person a sign-up carrying all; ${formatCount(keys)} partition keys, value ~${Math.round(w.bytes / w.messages.length)} B ` +
    `with key and headers; built and encoded in ${built.seconds.toFixed(1)} s (untimed)`;
  const methodNote =
    `ingest: the run published first (untimed), then one ingestor instance (ingestStack, its own keyring and ` +
    `caches) timed from its start until it had recorded every touchpoint, group join included; plain append, ` +
    `after it: the same touchpoints as the sealed TouchpointRecorded the ingestor stores (built untimed), one ` +
    `appendMany per ${config.batchSize} (one request per customer stream, expected revisions), one call at a time, on ` +
    `a fresh database of the same kind; bus consume-only: a fresh group reading and decoding the same topic, nothing ` +
    `else; ratio = ingest tp/s ÷ plain append ev/s (the ingestor also writes customers, links and claims: see ` +
    `events stored)`;
  log(workloadNote);
  log(methodNote);
  // Built once for every row: the ingests' profiles show the same share of GC (14–15 %) with it held or not.
  const reference = await timed(() => buildPlainAppend(w, config.batchSize));
  log(`plain append's events sealed and grouped in ${reference.seconds.toFixed(1)} s (untimed, once)`);

  const results: BackendResult[] = [];
  for (const key of config.backends) results.push(await runBackend(key, w, reference.result, config));

  const seconds = wallSeconds(run);
  const targets = targetsFor(results);
  log('');
  const table = tableFor(results, config, [workloadNote, methodNote]);
  log(renderTable(table));
  log('');
  log(renderTargets(targets));
  log(`\nwall time ${seconds.toFixed(0)} s; load average ${run.loadStart} at the start, ${loadAverage()} at the end`);
  log('figures are for this machine and its load: compare ratios, not absolute rates');
  log('');
  log(
    jsonLine(
      {
        ...runMeta('ingest', run),
        workload: {
          people: config.people,
          touchpoints: config.touchpoints,
          batchSize: config.batchSize,
          partitions: config.partitions,
          avgMessageBytes: Math.round(w.bytes / w.messages.length),
          partitionKeys: keys,
        },
        targets: targets.map((t) => ({ name: t.name, actual: t.actual, min: t.min })),
      },
      results,
    ),
  );
  log(benchSummaryLine({ bench: 'ingest', tables: [table], targets }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
