/**
 * `npm run bench:collect [-- --quick]`: batch ingestion over HTTP on loopback — the
 * real collector (Segment adapter, embedded log) on a PostgreSQL server and on
 * PGlite, driven by autocannon from a process of its own, next to a bare express
 * endpoint that only parses the same bodies (the ceiling), as a ratio.
 *
 * Exits non-zero when our endpoint answered anything but 2xx, a request failed, or
 * the touchpoints on the bus differ from the calls of the 2xx answers.
 */
import { cpus } from 'node:os';
import { MAX_BATCH_BYTES } from '@c360/channel-web';
import { guarded } from '../measure';
import { benchSummaryLine, formatCount, renderTable } from '../report';
import { loadAverage, machineLine, reportFailures, runMeta, startRun } from '../run';
import { openBackend, type Backend } from './backends';
import { requestsPerSecond, runTarget, type TargetRun } from './case';
import { startCeiling } from './ceiling';
import { loadConfig, type BackendKey, type CollectBenchConfig } from './config';
import { startLoadGenerator, type LoadGenerator } from './load-generator';
import { startCollector } from './ours';
import { jsonLine, ms, problems, tableFor, verification, type BackendResult, type CaseResult } from './report';

const log = (line: string): void => console.log(line);

function show(what: string, run: TargetRun): void {
  const r = run.main;
  const bad = r.non2xx + r.errors > 0 ? `  !!! ${r.non2xx} non-2xx, ${r.errors} errors` : '';
  log(
    `  ${what.padEnd(22)} ${formatCount(r.ok).padStart(7)} x ${String(run.events).padEnd(3)} in ${r.seconds.toFixed(2).padStart(5)} s ` +
      `${formatCount(requestsPerSecond(r)).padStart(6)} req/s ${formatCount(requestsPerSecond(r) * run.events).padStart(8)} ev/s  ` +
      `p50 ${ms(r.latency.p50)} ms p99 ${ms(r.latency.p99)} ms  cores: server ${run.serverCores.toFixed(2)} client ${r.clientCores.toFixed(2)} machine ${run.machineCores?.toFixed(2) ?? '?'}${bad}`,
  );
}

async function runBackend(
  key: BackendKey,
  config: CollectBenchConfig,
  generator: LoadGenerator,
): Promise<BackendResult> {
  const cases: CaseResult[] = [];
  let description = '';
  let logged: unknown[] = [];
  const open = async (): Promise<Backend & { dispose(): Promise<void> }> => {
    const backend = await openBackend(key, { poolMax: config.poolMax });
    return { ...backend, dispose: () => backend.db.dispose() };
  };
  await guarded(open, async (backend) => {
    description = backend.description;
    log(`\n${description}`);
    await guarded(
      () => startCollector(backend.db.sql, { partitions: config.partitions }),
      (ours) =>
        guarded(startCeiling, async (ceiling) => {
          logged = ours.logged;
          for (const events of config.batchSizes) {
            // Ours, then the ceiling right after, so a change in the machine's load hits both alike.
            const subject = await runTarget({ generator, target: ours, events, config, count: ours.touchpoints });
            show(`ours x${events}`, subject.run);
            const reference = await runTarget({
              generator,
              events,
              config,
              target: { ...ceiling, authorization: ours.authorization, writeKey: ours.writeKey },
            });
            show(`express ceiling x${events}`, reference.run);
            const c: CaseResult = {
              backend: key,
              events,
              ours: subject.run,
              ceiling: reference.run,
              bus: subject.bus!,
            };
            const check = verification(c);
            log(
              `  bus: ${formatCount(check.main.stored)} touchpoints stored for ${formatCount(check.main.expected)} accepted calls — ${check.ok ? 'OK' : 'MISMATCH'}`,
            );
            if (subject.run.main.avgBodyBytes > MAX_BATCH_BYTES)
              log(`  note: bodies of ~${formatCount(subject.run.main.avgBodyBytes)} B exceed the 500 KB batch limit`);
            cases.push(c);
          }
        }),
    );
  });
  return { key, description, cases, logged };
}

async function main(): Promise<void> {
  const config = loadConfig(process.argv.slice(2));
  const run = startRun();
  log(`bench:collect${config.quick ? ' (quick)' : ''} — ${run.started.toISOString()}`);
  log(machineLine());
  log(
    `load: autocannon in its own process, POST /v1/batch, ${config.connections} connections, batches of ${config.batchSizes.join(' and ')} calls ` +
      `(identify/track/page, unique messageIds), Basic auth with the write key; per run ~${config.warmupSeconds} s of untimed warm-up, ` +
      `then ~${config.durationSeconds} s sized by request count; topics with ${config.partitions} partitions`,
  );

  const results: BackendResult[] = [];
  await guarded(
    async () => startLoadGenerator(),
    async (generator) => {
      for (const key of config.backends) results.push(await runBackend(key, config, generator));
    },
  );

  log('');
  const tables = results.map((result) => tableFor(result, config));
  for (const table of tables) log(`${renderTable(table)}\n`);
  const failures = results.flatMap(problems);
  log(
    `load average at the end ${loadAverage()} on ${cpus().length} CPUs; server, load generator and database share them: compare ratios, not absolute figures`,
  );
  log(
    jsonLine(
      {
        ...runMeta('collect', run, config.quick),
        connections: config.connections,
        durationSeconds: config.durationSeconds,
        partitions: config.partitions,
        poolMax: config.poolMax,
      },
      results,
    ),
  );
  log(benchSummaryLine({ bench: 'collect', tables, targets: [] }));
  reportFailures('collect', failures);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
