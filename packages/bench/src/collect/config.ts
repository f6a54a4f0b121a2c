/** Settings of the collect benchmark: defaults, `--quick`, then environment overrides. */
import { intFromEnv } from '../measure';

export type BackendKey = 'postgres' | 'pglite';

export interface CollectBenchConfig {
  quick: boolean;
  /** Seconds of each measured run (ours and the ceiling, per batch size and backend). */
  durationSeconds: number;
  /** Seconds of the untimed warm-up before each measured run; it also sizes the run. */
  warmupSeconds: number;
  /** Concurrent HTTP connections of the load generator. */
  connections: number;
  /** Calls per batch, one case each. */
  batchSizes: number[];
  backends: BackendKey[];
  /** Pool size of the collector's SQL port on the server. */
  poolMax: number;
  /** Partitions of the touchpoint and quarantine topics (the platform's default is 12). */
  partitions: number;
}

const PREFIX = 'C360_BENCH_COLLECT_';

function positiveInts(name: string, fallback: number[]): number[] {
  const raw = process.env[`${PREFIX}${name}`];
  if (raw === undefined || raw.trim() === '') return fallback;
  const values = raw.split(',').map((part) => Number(part.trim().replaceAll('_', '')));
  if (values.length === 0 || !values.every((v) => Number.isInteger(v) && v > 0)) {
    throw new Error(`${PREFIX}${name} must be positive integers (comma-separated), got ${raw}`);
  }
  return values;
}

const positiveInt = (name: string, fallback: number): number => intFromEnv(`${PREFIX}${name}`, fallback);

export const USAGE = `usage: npm run bench:collect [-- --quick]
  --quick   smoke run (3 s per run, 1 s warm-up)
env: ${PREFIX}DURATION (10 s), ${PREFIX}WARMUP (3 s), ${PREFIX}CONNECTIONS (20),
     ${PREFIX}BATCHES (20,100 calls per batch), ${PREFIX}BACKENDS (postgres,pglite),
     ${PREFIX}POOL (12), ${PREFIX}PARTITIONS (12),
     DATABASE_URL (postgres://postgres@127.0.0.1:5432/test)`;

export function loadConfig(argv: readonly string[]): CollectBenchConfig {
  const unknown = argv.filter((a) => a !== '--quick');
  if (unknown.length > 0) throw new Error(`unknown argument(s): ${unknown.join(' ')}\n${USAGE}`);
  const quick = argv.includes('--quick');
  const backends = (process.env[`${PREFIX}BACKENDS`] || 'postgres,pglite').split(',').map((b) => b.trim());
  const invalid = backends.filter((b) => b !== 'postgres' && b !== 'pglite');
  if (invalid.length > 0) throw new Error(`${PREFIX}BACKENDS: unknown backend(s) ${invalid.join(', ')}\n${USAGE}`);
  const batchSizes = positiveInts('BATCHES', [20, 100]);
  if (batchSizes.some((n) => n > 2500)) throw new Error(`${PREFIX}BATCHES: Segment takes at most 2,500 calls a batch`);
  return {
    quick,
    durationSeconds: positiveInt('DURATION', quick ? 3 : 10),
    warmupSeconds: positiveInt('WARMUP', quick ? 1 : 3),
    connections: positiveInt('CONNECTIONS', 20),
    batchSizes,
    backends: backends as BackendKey[],
    poolMax: positiveInt('POOL', 12),
    partitions: positiveInt('PARTITIONS', 12),
  };
}
