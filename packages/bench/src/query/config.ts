/** Settings of the query benchmark: defaults, `--quick`, then environment overrides. */
import type { BackendKey } from '../collect/config';
import { intFromEnv } from '../measure';

export interface QueryBenchConfig {
  quick: boolean;
  backends: BackendKey[];
  /** Customers in the event store on the PostgreSQL server. */
  profiles: number;
  /** Customers on PGlite (in-process, one connection: a smaller run). */
  pgliteProfiles: number;
  /** Touchpoints per customer, on average (the first of each is the sign-up). */
  touchpointsPerProfile: number;
  /** Touchpoints decided and appended per `appendMany` while seeding. */
  appendBatch: number;
  /** Events per `readAll` page, for the rebuild and the raw read-all alike. */
  readBatch: number;
  /** Seconds of each measured load run. */
  durationSeconds: number;
  /** Seconds of the untimed warm-up before each run; it also sizes the run. */
  warmupSeconds: number;
  /** Concurrent HTTP connections of the load generator. */
  connections: number;
  /** Pool size of the SQL port the API and the raw endpoints share (the platform's default is 10). */
  poolMax: number;
  /** When set, a V8 CPU profile of the server process per load run is written here. */
  cpuProfileDir?: string;
}

const PREFIX = 'C360_BENCH_QUERY_';
const positiveInt = (name: string, fallback: number): number => intFromEnv(`${PREFIX}${name}`, fallback);

export const USAGE = `usage: npm run bench:query [-- --quick]
  --quick   smoke run (5,000 profiles, 1,000 on PGlite, 3 s per run, 1 s warm-up)
env: ${PREFIX}PROFILES (200,000), ${PREFIX}PGLITE_PROFILES (20,000), ${PREFIX}BACKENDS (postgres,pglite),
     ${PREFIX}TOUCHPOINTS_PER_PROFILE (1.5, at least 1), ${PREFIX}APPEND_BATCH (500 touchpoints),
     ${PREFIX}READ_BATCH (2,000 events), ${PREFIX}DURATION (10 s), ${PREFIX}WARMUP (3 s), ${PREFIX}CONNECTIONS (32),
     ${PREFIX}POOL (10), ${PREFIX}CPU_PROFILE (a directory: V8 CPU and allocation profiles of the server per run of ours),
     DATABASE_URL (postgres://postgres@127.0.0.1:5432/test)`;

export function loadConfig(argv: readonly string[]): QueryBenchConfig {
  const unknown = argv.filter((a) => a !== '--quick');
  if (unknown.length > 0) throw new Error(`unknown argument(s): ${unknown.join(' ')}\n${USAGE}`);
  const quick = argv.includes('--quick');
  const backends = (process.env[`${PREFIX}BACKENDS`] || 'postgres,pglite').split(',').map((b) => b.trim());
  const invalid = backends.filter((b) => b !== 'postgres' && b !== 'pglite');
  if (invalid.length > 0) throw new Error(`${PREFIX}BACKENDS: unknown backend(s) ${invalid.join(', ')}\n${USAGE}`);
  const perProfileRaw = process.env[`${PREFIX}TOUCHPOINTS_PER_PROFILE`] || '1.5';
  const perProfile = Number(perProfileRaw);
  if (!(perProfile >= 1)) {
    throw new Error(`${PREFIX}TOUCHPOINTS_PER_PROFILE: every customer has a sign-up (≥ 1), got ${perProfileRaw}`);
  }
  const cpuProfileDir = process.env[`${PREFIX}CPU_PROFILE`] || undefined;
  return {
    quick,
    backends: backends as BackendKey[],
    profiles: positiveInt('PROFILES', quick ? 5_000 : 200_000),
    pgliteProfiles: positiveInt('PGLITE_PROFILES', quick ? 1_000 : 20_000),
    touchpointsPerProfile: perProfile,
    appendBatch: positiveInt('APPEND_BATCH', 500),
    readBatch: positiveInt('READ_BATCH', 2_000),
    durationSeconds: positiveInt('DURATION', quick ? 3 : 10),
    warmupSeconds: positiveInt('WARMUP', quick ? 1 : 3),
    connections: positiveInt('CONNECTIONS', 32),
    poolMax: positiveInt('POOL', 10),
    ...(cpuProfileDir ? { cpuProfileDir } : {}),
  };
}
