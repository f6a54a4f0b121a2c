/**
 * `npm run bench:store [-- --quick]`: appends, read-all and subscription throughput
 * of our PostgreSQL event store, on a PostgreSQL server and on PGlite, each figure
 * next to ceilings measured in the same run (a bare table; Emmett on the server).
 * A benchmark, not a test: it prints figures and PASS/MISS against the targets,
 * and exits 0 unless something failed.
 */
import { cpus } from 'node:os';
import { guarded, type Throughput } from '../measure';
import { benchSummaryLine, formatCount, renderTable, renderTargets, throughputLine } from '../report';
import { loadAverage, machineLine, runMeta, startRun } from '../run';
import { openPglite, openPostgres, type Backend } from './backends';
import { loadConfig, type StoreBenchConfig } from './config';
import { openEmmett, type EmmettBench } from './emmett';
import { appendWorkload, readAllThrough, subscribeThrough } from './ours';
import { insertWorkload, readRaw, RAW_TABLE, type RawPositions } from './raw';
import { jsonLine, tableFor, targetsFor, type AppendFigures, type BackendResult } from './report';
import { buildWorkload, type Workload } from './workload';

const log = (line: string): void => console.log(line);
const show = (what: string, t: Throughput, unit = 'ev/s'): void => log(throughputLine(what, t, unit));

interface Workloads {
  batch: Workload;
  single: Workload;
  warmBatch: Workload;
  warmSingle: Workload;
}

async function runBackend(
  backend: Backend,
  config: StoreBenchConfig,
  w: Workloads,
  emmett: EmmettBench | { skipped: string },
): Promise<BackendResult> {
  const { store, sql, writers } = backend;
  log(`\n${backend.description}`);
  if ('database' in emmett)
    log(`emmett: @event-driven-io/emmett-postgresql in database ${emmett.database}, same writers and pool size`);

  const rawPositions: RawPositions = { next: 1 };

  // Untimed: JIT (V8, PGlite's WebAssembly), driver paths and each connection's plan caches warm up for all
  // contenders alike, so whoever runs first does not pay for it. The rows stay (reads count them).
  for (const warm of [w.warmBatch, w.warmSingle]) {
    await appendWorkload(store, warm, writers);
    await insertWorkload(sql, warm, writers, rawPositions);
    if (!('skipped' in emmett)) await emmett.append(warm, writers);
  }

  // Per mode: ours, the raw ceiling, Emmett back to back, so a change in the machine's load hits all three alike.
  const appendMode = async (workload: Workload, label: string): Promise<AppendFigures> => {
    await backend.settle();
    const ours = await appendWorkload(store, workload, writers);
    show(`ours append ${label}`, ours);
    await backend.settle();
    const raw = await insertWorkload(sql, workload, writers, rawPositions);
    show(`raw INSERT ${label}`, raw, 'rows/s');
    if ('skipped' in emmett) return { ours, raw, emmett };
    await emmett.settle();
    const other = await emmett.append(workload, writers);
    show(`emmett append ${label}`, other);
    return { ours, raw, emmett: other };
  };
  const appendBatch = await appendMode(w.batch, `x${config.batchSize}`);
  const appendSingle = await appendMode(w.single, 'x1');

  // Autovacuum may be disabled on the server (it is on this machine): analyze both tables and set hint bits alike.
  for (const table of ['es_events', 'es_streams', RAW_TABLE]) await sql.exec(`VACUUM ANALYZE ${table}`);
  await backend.settle();
  const { rows } = await sql.query<{ n: bigint }>('SELECT count(*) AS n FROM es_events');
  const stored = Number(rows[0]?.n ?? 0n);
  const readAll = await readAllThrough(store, stored, config.readBatch);
  show('ours read-all', readAll);
  const rawRead = await readRaw(sql, config.readBatch);
  show('raw keyset read', rawRead, 'rows/s');
  const subscription = await subscribeThrough(store, stored, config.readBatch);
  show('ours subscription', subscription);

  return {
    key: backend.key,
    name: backend.name,
    description: backend.description,
    writers,
    appendBatch,
    appendSingle,
    readAll: { ours: readAll, raw: rawRead },
    subscription: { ours: subscription, raw: rawRead },
  };
}

async function main(): Promise<void> {
  const config = loadConfig(process.argv.slice(2));
  const run = startRun();
  log(`bench:store${config.quick ? ' (quick)' : ''} — ${run.started.toISOString()}`);
  log(machineLine());

  const w: Workloads = {
    batch: buildWorkload({ seed: 1, events: config.events, perAppend: config.batchSize, perStream: config.batchSize }),
    single: buildWorkload({ seed: 2, events: config.singleEvents, perAppend: 1, perStream: config.singlePerStream }),
    warmBatch: buildWorkload({ seed: 3, events: 2_000, perAppend: config.batchSize, perStream: config.batchSize }),
    warmSingle: buildWorkload({ seed: 4, events: 500, perAppend: 1, perStream: config.singlePerStream }),
  };
  log(
    `workload: append x${config.batchSize}: ${formatCount(w.batch.events)} events, ${formatCount(w.batch.streams)} streams x ${config.batchSize} events (one append each); ` +
      `append x1: ${formatCount(w.single.events)} events, ${formatCount(w.single.streams)} streams x ${config.singlePerStream} appends; ` +
      `data ~${Math.round(w.batch.avgDataBytes)} B, metadata ~${Math.round(w.batch.avgMetadataBytes)} B of JSON per event; ` +
      `untimed warm-up of every contender first (${formatCount(w.warmBatch.events)} + ${formatCount(w.warmSingle.events)} events)`,
  );

  const results: BackendResult[] = [];
  if (config.backends.postgres) {
    await guarded(
      () => openPostgres(config.databaseUrl, config.concurrency),
      async (backend) => {
        if (!config.backends.emmett) {
          results.push(await runBackend(backend, config, w, { skipped: 'disabled (BENCH_BACKENDS)' }));
          return;
        }
        await guarded(
          () => openEmmett(config.databaseUrl, config.concurrency),
          async (emmett) => void results.push(await runBackend(backend, config, w, emmett)),
        );
      },
    );
  }
  if (config.backends.pglite) {
    await guarded(
      () => openPglite(config.pgliteConcurrency),
      async (backend) => void results.push(await runBackend(backend, config, w, { skipped: 'does not run on PGlite' })),
    );
  }

  log('');
  const tables = results.map((result) => tableFor(result, config.batchSize));
  for (const table of tables) log(`${renderTable(table)}\n`);
  const targets = targetsFor(results, config.batchSize);
  log(renderTargets(targets));
  log(
    `\nload average at the end ${loadAverage()} on ${cpus().length} CPUs; the client shares them (client CPU above): compare ratios, not absolute figures`,
  );
  log('');
  log(
    jsonLine(
      {
        ...runMeta('store', run, config.quick),
        workload: {
          batchSize: config.batchSize,
          events: config.events,
          batchStreams: w.batch.streams,
          singleEvents: config.singleEvents,
          singleStreams: w.single.streams,
          readBatch: config.readBatch,
          avgDataBytes: Math.round(w.batch.avgDataBytes),
          avgMetadataBytes: Math.round(w.batch.avgMetadataBytes),
        },
      },
      results,
      targets,
    ),
  );
  log(benchSummaryLine({ bench: 'store', tables, targets }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
