import { intFromEnv } from '../measure';
/** Counts and switches of the store benchmark: defaults, `--quick`, then environment overrides. */

export interface StoreBenchConfig {
  quick: boolean;
  /** Events appended in batches of `batchSize`. */
  events: number;
  /** Events appended one per append (smaller by default: single appends are slow). */
  singleEvents: number;
  batchSize: number;
  /** Events per stream in the single-append mode (each stream gets that many appends). */
  singlePerStream: number;
  /** Writers (and pool size) on the server. */
  concurrency: number;
  /** Writers on PGlite: one connection, it serialises anyway. */
  pgliteConcurrency: number;
  readBatch: number;
  backends: { postgres: boolean; pglite: boolean; emmett: boolean };
  databaseUrl: string;
}

const USAGE = `usage: npm run bench:store [-- --quick]
  --quick                 smoke run (5,000 batched + 1,000 single events)
env: BENCH_EVENTS (200000), BENCH_SINGLE_EVENTS (40000), BENCH_CONCURRENCY (16),
     BENCH_BACKENDS (postgres,pglite,emmett), DATABASE_URL (postgres://postgres@127.0.0.1:5432/test)`;

export function loadConfig(argv: readonly string[]): StoreBenchConfig {
  const unknown = argv.filter((a) => a !== '--quick');
  if (unknown.length > 0) {
    console.error(`unknown argument(s): ${unknown.join(' ')}\n${USAGE}`);
    process.exit(2);
  }
  const quick = argv.includes('--quick');
  const batchSize = 100;
  const round = (n: number): number => Math.max(batchSize, Math.ceil(n / batchSize) * batchSize);
  const backends = (process.env.BENCH_BACKENDS ?? 'postgres,pglite,emmett').split(',').map((b) => b.trim());
  return {
    quick,
    events: round(intFromEnv('BENCH_EVENTS', quick ? 5_000 : 200_000)),
    singleEvents: intFromEnv('BENCH_SINGLE_EVENTS', quick ? 1_000 : 40_000),
    batchSize,
    singlePerStream: 10,
    concurrency: intFromEnv('BENCH_CONCURRENCY', 16),
    pgliteConcurrency: 1,
    readBatch: 1000,
    backends: {
      postgres: backends.includes('postgres'),
      pglite: backends.includes('pglite'),
      emmett: backends.includes('emmett') && backends.includes('postgres'),
    },
    databaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  };
}
