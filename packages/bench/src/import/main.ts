/**
 * `npm run bench:import [-- --quick]`: streamed CSV imports over HTTP on loopback — a
 * call-detail export into `POST /v1/callcenter/calls.csv` and a till export into
 * `POST /v1/pos/receipts.csv` of the real collector (the platform's CSV adapters, write-key
 * auth, the embedded log) on a PostgreSQL server and on PGlite. The server runs in a
 * process of its own, whose memory is read every 100 ms during each import. Next to each
 * import, on the same bytes: csv-parse alone (the ceiling) and the import without HTTP and
 * without the bus (parse, check, map, Avro-encode), as ratios.
 *
 * Exits non-zero when an import was not answered with the expected summary, the bus does
 * not hold exactly the file's touchpoints, or a reference read a different count.
 */
import { cpus } from 'node:os';
import { randomBytes } from 'node:crypto';
import { probePostgres } from '@c360/testing';
import { guarded, throughput, timed } from '../measure';
import { benchSummaryLine, formatCount, renderTable, throughputLine } from '../report';
import { loadAverage, machineLine, reportFailures, runMeta, startRun } from '../run';
import { machineCpu } from '../collect/machine';
import { parseOnly } from './ceiling';
import { loadConfig, type BackendKey, type ImportBenchConfig } from './config';
import { callsCsv, receiptsCsv, type CsvKind, type CsvWorkload } from './files';
import { importWithoutHttp } from './no-http';
import { csvAdapters } from './ours';
import { jsonLine, MB, problems, renderMemory, tableFor, type BackendResult, type CaseResult } from './report';
import { forkServer, type ServerProcess } from './server-process';
import type { ServerInfo } from './server-job';
import { upload } from './upload';

const log = (line: string): void => console.log(line);

interface Files {
  main: CsvWorkload;
  /** A small file of other ids, imported first, untimed: JIT, pools and plan caches warm. */
  warmUp: CsvWorkload;
}

/** The references run in this process, with the platform's adapters (a payment token key of their own). */
const adapters = csvAdapters(randomBytes(32));

async function runCase(server: ServerProcess, info: ServerInfo, files: Files): Promise<CaseResult> {
  const { main, warmUp } = files;
  const send = (file: CsvWorkload) =>
    upload({ origin: info.origin, path: file.path, authorization: info.authorization[file.kind], chunks: file.chunks });

  const warm = await send(warmUp);
  if (warm.status !== 200) throw new Error(`warm-up import of ${warmUp.kind} answered ${warm.status}: ${warm.text}`);
  await parseOnly(warmUp.chunks);
  await importWithoutHttp(adapters[warmUp.kind], warmUp);

  const before = await server.ask({ kind: 'counts' });
  await server.ask({ kind: 'watch' });
  const machine = machineCpu();
  const ours = await timed(() => send(main));
  const machineCores = machine();
  const memory = await server.ask({ kind: 'unwatch' });
  const after = await server.ask({ kind: 'counts' });
  // The references right after, so that a change in the machine's load hits all alike.
  const ceiling = await timed(() => parseOnly(main.chunks));
  const withoutHttp = await timed(() => importWithoutHttp(adapters[main.kind], main));

  const c: CaseResult = {
    kind: main.kind,
    path: main.path,
    bytes: main.bytes.length,
    rows: main.rows,
    touchpoints: main.touchpoints,
    ours: {
      run: throughput(main.rows, ours),
      answer: ours.result,
      bus: {
        touchpoints: after.touchpoints - before.touchpoints,
        distinct: after.distinct - before.distinct,
        quarantined: after.quarantined - before.quarantined,
      },
      memory,
      machineCores,
    },
    ceiling: { run: throughput(main.rows, ceiling), rows: ceiling.result },
    withoutHttp: { run: throughput(main.rows, withoutHttp), result: withoutHttp.result },
  };
  log(throughputLine(`ours ${main.path}`, c.ours.run, 'rows/s'));
  log(throughputLine('csv-parse ceiling', c.ceiling.run, 'rows/s'));
  log(throughputLine('import w/o HTTP+bus', c.withoutHttp.run, 'rows/s'));
  log(
    `  server heap ${MB(memory.baseline.heapUsed)} → peak ${MB(memory.peak.heapUsed)} MB, RSS ${MB(memory.baseline.rss)} → peak ${MB(memory.peak.rss)} MB ` +
      `for a ${MB(c.bytes)} MB file; bus +${formatCount(c.ours.bus.touchpoints)} touchpoints for ${formatCount(c.touchpoints)} expected`,
  );
  return c;
}

async function runBackend(
  key: BackendKey,
  config: ImportBenchConfig,
  files: Partial<Record<CsvKind, Files>>,
): Promise<BackendResult> {
  const result: BackendResult = { key, description: '', cases: [], logged: [] };
  const open = async () => {
    const server = forkServer();
    try {
      const info = await server.ask({
        kind: 'open',
        backend: key,
        poolMax: config.poolMax,
        partitions: config.partitions,
        sampleMs: config.sampleMs,
      });
      return { server, info, dispose: () => server.dispose() };
    } catch (error) {
      await server.dispose();
      throw error;
    }
  };
  await guarded(open, async ({ server, info }) => {
    result.description = info.description;
    log(`\n${info.description}`);
    for (const kind of ['calls', 'receipts'] as const) {
      const pair = files[kind];
      if (pair) result.cases.push(await runCase(server, info, pair));
    }
    result.logged = (await server.ask({ kind: 'counts' })).logged;
  });
  return result;
}

/** Why a backend cannot run on this machine, or undefined when it can. */
async function unavailable(key: BackendKey): Promise<string | undefined> {
  if (key === 'pglite') return undefined;
  const probe = await probePostgres();
  return probe.ok ? undefined : probe.reason;
}

async function main(): Promise<void> {
  const config = loadConfig(process.argv.slice(2));
  const run = startRun();
  log(`bench:import${config.quick ? ' (quick)' : ''} — ${run.started.toISOString()}`);
  log(machineLine());

  const generated = await timed(async () => {
    const files: Partial<Record<CsvKind, Files>> = {
      calls: { main: callsCsv(config.calls, 'CALL'), warmUp: callsCsv(Math.min(config.calls, 2_000), 'WARM') },
    };
    if (config.receipts > 0) {
      files.receipts = {
        main: receiptsCsv(config.receipts, 'RCPT'),
        warmUp: receiptsCsv(Math.min(config.receipts, 600), 'WRCP'),
      };
    }
    return files;
  });
  const files = generated.result;
  for (const pair of Object.values(files)) {
    const f = pair.main;
    log(
      `${f.path}: ${formatCount(f.rows)} rows, ${formatCount(f.touchpoints)} touchpoints, ${MB(f.bytes.length)} MB ` +
        `(warm-up first, untimed: ${formatCount(pair.warmUp.rows)} rows of other ids)`,
    );
  }
  log(
    `files generated in ${generated.seconds.toFixed(1)} s and held in this process; the server runs in a child process ` +
      `(its memory is the import's alone), the client here sends 64 KiB chunks as \`c360 import\` does (NDJSON progress); ` +
      `csv-parse and the import without HTTP+bus read the same bytes here, after ours`,
  );

  const results: BackendResult[] = [];
  const skipped: string[] = [];
  for (const key of config.backends) {
    const reason = await unavailable(key);
    if (reason) {
      skipped.push(`${key}: not measured (${reason})`);
      log(`\n${key}: skipped — ${reason}`);
      continue;
    }
    results.push(await runBackend(key, config, files));
  }

  log('');
  const tables = results.map(tableFor);
  for (const table of tables) log(`${renderTable(table)}\n`);
  if (results.length > 0) log(`${renderMemory(results, config.sampleMs)}\n`);
  for (const line of skipped) log(line);
  const failures = results.flatMap(problems);
  log(
    `load average at the end ${loadAverage()} on ${cpus().length} CPUs; server, client and database share them: compare ratios, not absolute figures`,
  );
  log(
    jsonLine(
      {
        ...runMeta('import', run, config.quick),
        calls: config.calls,
        receipts: config.receipts,
        partitions: config.partitions,
        poolMax: config.poolMax,
        sampleMs: config.sampleMs,
        skipped,
      },
      results,
    ),
  );
  log(benchSummaryLine({ bench: 'import', tables, targets: [] }));
  reportFailures('import', failures);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
