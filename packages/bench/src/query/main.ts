/**
 * `npm run bench:query [-- --quick]`: the query API under load on loopback — profile
 * by id and lookup by e-mail, at random existing customers, with a reader token
 * (masked) and a pii_reader token (clear) — next to bare endpoints doing one plain
 * SELECT through the same SQL pool (and the same plus the access-log INSERT), as
 * ratios; and the projection rebuild over the same events next to a raw read-all.
 * The data is the ingestor's test population, decided and sealed as the ingestor
 * does and appended straight into the event store (see seed.ts).
 *
 * A benchmark, not a test: it prints figures and PASS/MISS against the targets, and
 * exits non-zero when a request failed or was answered with anything but 2xx.
 *
 * Time on the shared 2-core box: 40,000 customers on PostgreSQL and 10,000 on PGlite
 * take 6–6.6 min (PostgreSQL: seeding 217k events ~27 s, read-all and two rebuilds
 * 80–100 s, the eight load runs ~108 s; PGlite: 9–11 + 15–19 + ~110 s). The
 * defaults (200,000 and 20,000) scale seeding and rebuilds about linearly:
 * ~13–15 min, more on a busy machine.
 * `--quick` takes about a minute.
 */
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { migrateAuth } from '@c360/auth';
import { getPostgresEventStore, migrateEventStore } from '@c360/event-store-postgres';
import { migrateKeyring, openKeyring } from '@c360/keyring';
import { migrateQueryApi } from '@c360/query-api';
import { migrateReadModels } from '@c360/read-models';
import { openBackend, type Backend } from '../collect/backends';
import type { BackendKey } from '../collect/config';
import { ms } from '../collect/report';
import { guarded } from '../measure';
import { benchSummaryLine, formatCount, renderTable, renderTargets, throughputLine, type Target } from '../report';
import { loadAverage, machineLine, reportFailures, runMeta, startRun } from '../run';
import { caseName, runCase, type LoadCase, type LoadGenerator, type Operation } from './case';
import { loadConfig, type QueryBenchConfig } from './config';
import { forkWorker } from './forked';
import { requestsPerSecond, type GetJob, type GetResult } from './load-job';
import { startQueryApi } from './ours';
import { timeProjection } from './projection';
import { startRaw } from './raw';
import { jsonLine, problems, tableFor, targetsFor, type BackendResult, type CaseResult } from './report';
import { seedStore } from './seed';
import { countingSql, perUnit } from '../sql-counter';
import { QUERY_STATEMENTS } from './sql-counter';

const log = (line: string): void => console.log(line);

function show(c: CaseResult): void {
  const r = c.run.main;
  const bad = r.non2xx + r.errors > 0 ? `  !!! ${r.non2xx} non-2xx, ${r.errors} errors` : '';
  const requests = r.ok + r.non2xx;
  log(
    `  ${caseName(c.load).padEnd(24)} ${formatCount(requests).padStart(7)} in ${r.seconds.toFixed(2).padStart(5)} s ` +
      `${formatCount(requestsPerSecond(r)).padStart(6)} req/s  p50 ${ms(r.latency.p50)} ms p99 ${ms(r.latency.p99)} ms  ` +
      `cores: server ${c.run.serverCores.toFixed(2)} client ${r.clientCores.toFixed(2)} machine ${c.run.machineCores?.toFixed(2) ?? '?'}${bad}`,
  );
  log(`    SQL per request: ${perUnit(c.run.statements, requests)}`);
}

/** Seconds since `start` (ms), to one decimal. */
const since = (start: number): number => (performance.now() - start) / 1000;

async function runBackend(key: BackendKey, config: QueryBenchConfig, generator: LoadGenerator): Promise<BackendResult> {
  const profiles = key === 'postgres' ? config.profiles : config.pgliteProfiles;
  let result: BackendResult | undefined;
  const open = async (): Promise<Backend & { dispose(): Promise<void> }> => {
    const backend = await openBackend(key, { poolMax: config.poolMax });
    return { ...backend, dispose: () => backend.db.dispose() };
  };
  await guarded(open, async (backend) => {
    const { sql } = backend.db;
    log(`\n${backend.description}`);
    const settle = async (): Promise<void> => {
      if (key === 'postgres') await sql.exec('CHECKPOINT').catch(() => undefined);
    };
    for (const migrate of [migrateEventStore, migrateKeyring, migrateAuth, migrateReadModels, migrateQueryApi]) {
      await migrate(sql);
    }
    const masterKey = randomBytes(32);
    const keyring = await openKeyring({ sql, masterKey });
    const phases: Record<string, number> = {};

    let start = performance.now();
    const seeded = await seedStore({
      store: getPostgresEventStore(sql),
      keyring,
      profiles,
      touchpointsPerProfile: config.touchpointsPerProfile,
      batchSize: config.appendBatch,
      progress: log,
    });
    phases.seed = since(start);
    log(throughputLine('seeded (decide+seal+append)', seeded.rate, 'ev/s'));

    start = performance.now();
    const counter = countingSql(sql, QUERY_STATEMENTS);
    const projection = await timeProjection({
      sql,
      counter,
      masterKey,
      customerIds: seeded.customerIds,
      events: seeded.events,
      batchSize: config.readBatch,
      settle,
      progress: log,
    });
    phases.projection = since(start);
    log(throughputLine('raw read-all', projection.readAll, 'ev/s'));
    for (const [label, run] of [
      ['rebuild, keys cold', projection.cold],
      ['rebuild, keys loaded', projection.keysLoaded],
    ] as const) {
      log(throughputLine(label, run.rate, 'ev/s'));
      log(`    SQL per batch: ${perUnit(run.statements, run.batches)}`);
    }
    const expected = { profiles, identifiers: seeded.byType.IdentifierLinked ?? 0, contacts: seeded.touchpoints };
    if (JSON.stringify(projection.rows) !== JSON.stringify(expected)) {
      throw new Error(`read models hold ${JSON.stringify(projection.rows)}, expected ${JSON.stringify(expected)}`);
    }
    // As autovacuum would have by the time anyone reads them.
    await sql.exec('ANALYZE rm_profiles; ANALYZE rm_identifiers; ANALYZE rm_contact_history; ANALYZE rm_merges');
    await settle();

    start = performance.now();
    const cases: CaseResult[] = [];
    let logged: unknown[] = [];
    await guarded(
      () => startQueryApi({ sql: counter.sql, store: getPostgresEventStore(counter.sql), keyring }),
      (ours) =>
        guarded(
          () => startRaw({ sql: counter.sql, keyring }),
          async (raw) => {
            logged = ours.logged;
            const byId = (prefix: string) => seeded.customerIds.map((id) => `${prefix}/customers/${id}`);
            const lookup = (prefix: string, path: string) =>
              seeded.emails.map((email) => `${prefix}/${path}?type=email&value=${encodeURIComponent(email)}`);
            const paths: Record<Operation, Record<'ours' | 'raw' | 'raw+log', string[]>> = {
              'by id': { ours: byId('/v1'), raw: byId('/raw'), 'raw+log': byId('/raw-logged') },
              lookup: {
                ours: lookup('/v1', 'customers/lookup'),
                raw: lookup('/raw', 'lookup'),
                'raw+log': lookup('/raw-logged', 'lookup'),
              },
            };
            for (const operation of ['by id', 'lookup'] as const) {
              // Ours, then the ceilings right after, so a change in the machine's load hits them alike.
              const loadCases: LoadCase[] = [
                ...(['reader', 'pii_reader'] as const).map((role) => ({
                  operation,
                  target: 'ours' as const,
                  role,
                  server: ours,
                  paths: paths[operation].ours,
                  authorization: ours.authorization[role],
                })),
                { operation, target: 'raw', server: raw, paths: paths[operation].raw, authorization: null },
                { operation, target: 'raw+log', server: raw, paths: paths[operation]['raw+log'], authorization: null },
              ];
              for (const load of loadCases) {
                const run = await runCase({
                  generator,
                  counter,
                  load,
                  connections: config.connections,
                  warmupSeconds: config.warmupSeconds,
                  durationSeconds: config.durationSeconds,
                  profileName: `${key}-${caseName(load)}`,
                  ...(config.cpuProfileDir && load.target === 'ours' ? { cpuProfileDir: config.cpuProfileDir } : {}),
                });
                const c: CaseResult = {
                  load: { operation: load.operation, target: load.target, role: load.role },
                  run,
                };
                show(c);
                cases.push(c);
              }
            }
          },
        ),
    );
    phases.serving = since(start);
    result = {
      key,
      description: backend.description,
      seed: {
        profiles,
        touchpoints: seeded.touchpoints,
        events: seeded.events,
        byType: seeded.byType,
        avgDataBytes: seeded.avgDataBytes,
        seconds: seeded.rate.seconds,
        perSecond: seeded.rate.perSecond,
      },
      projection,
      cases,
      logged,
      phases,
    };
  });
  return result!;
}

async function main(): Promise<void> {
  const config = loadConfig(process.argv.slice(2));
  const run = startRun();
  log(`bench:query${config.quick ? ' (quick)' : ''} — ${run.started.toISOString()}`);
  log(machineLine());
  log(
    `data: ${formatCount(config.profiles)} customers on PostgreSQL, ${formatCount(config.pgliteProfiles)} on PGlite, ` +
      `${config.touchpointsPerProfile} touchpoints a customer (the ingestor's test population), decided and sealed as the ingestor does, ` +
      `appendMany per ${config.appendBatch} touchpoints; rebuild and raw read-all in pages of ${formatCount(config.readBatch)} events`,
  );
  log(
    `load: autocannon in its own process, ${config.connections} connections, every request at a random existing customer; ` +
      `per run ~${config.warmupSeconds} s of untimed warm-up, then ~${config.durationSeconds} s sized by request count; SQL pool ${config.poolMax}`,
  );

  const results: BackendResult[] = [];
  await guarded(
    async () => forkWorker<Omit<GetJob, 'id'>, GetResult>(new URL('./load-worker.ts', import.meta.url)),
    async (generator) => {
      for (const key of config.backends) results.push(await runBackend(key, config, generator));
    },
  );

  log('');
  const targets: Target[] = results.flatMap(targetsFor);
  const tables = results.map((result) => tableFor(result, config));
  for (const table of tables) log(`${renderTable(table)}\n`);
  log(renderTargets(targets));
  log(
    `\nload average at the end ${loadAverage()} on ${cpus().length} CPUs; server, load generator and database share them: ` +
      `compare ratios, not absolute figures`,
  );
  log(
    jsonLine(
      {
        ...runMeta('query', run, config.quick),
        connections: config.connections,
        durationSeconds: config.durationSeconds,
        poolMax: config.poolMax,
      },
      results,
      targets,
    ),
  );
  log(benchSummaryLine({ bench: 'query', tables, targets }));
  const failures = results.flatMap(problems);
  reportFailures('query', failures);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
