/** Settings of the import benchmark: defaults, `--quick`, then `C360_BENCH_IMPORT_*` environment overrides. */
import { intFromEnv } from '../measure';
import type { BackendKey } from '../collect/config';

export type { BackendKey };
const BACKENDS: readonly BackendKey[] = ['postgres', 'pglite'];

export interface ImportBenchConfig {
  quick: boolean;
  /** Rows of the call-detail CSV (one call each). */
  calls: number;
  /** Receipts of the receipts CSV (1–6 lines each, 3.5 on average); 0 leaves the receipts import out. */
  receipts: number;
  backends: BackendKey[];
  /** Pool size of the collector's SQL port on the server. */
  poolMax: number;
  /** Partitions of the touchpoint and quarantine topics (the platform's default is 12). */
  partitions: number;
  /** Milliseconds between two readings of the server's memory. */
  sampleMs: number;
}

const PREFIX = 'C360_BENCH_IMPORT_';

export const USAGE = `usage: npm run bench:import [-- --quick]
  --quick   smoke run (20,000 calls, 3,000 receipts)
env: ${PREFIX}CALLS (200000 rows), ${PREFIX}RECEIPTS (30000 receipts, ~105,000 rows; 0: calls only),
     ${PREFIX}BACKENDS (postgres,pglite), ${PREFIX}POOL (12), ${PREFIX}PARTITIONS (12),
     DATABASE_URL (postgres://postgres@127.0.0.1:5432/test)`;

export function loadConfig(argv: readonly string[]): ImportBenchConfig {
  const unknown = argv.filter((a) => a !== '--quick');
  if (unknown.length > 0) throw new Error(`unknown argument(s): ${unknown.join(' ')}\n${USAGE}`);
  const quick = argv.includes('--quick');
  const backends = (process.env[`${PREFIX}BACKENDS`] || BACKENDS.join(',')).split(',').map((b) => b.trim());
  const invalid = backends.filter((b) => !(BACKENDS as readonly string[]).includes(b));
  if (invalid.length > 0) throw new Error(`${PREFIX}BACKENDS: unknown backend(s) ${invalid.join(', ')}\n${USAGE}`);
  const receiptsRaw = process.env[`${PREFIX}RECEIPTS`];
  return {
    quick,
    calls: intFromEnv(`${PREFIX}CALLS`, quick ? 20_000 : 200_000),
    receipts: receiptsRaw?.trim() === '0' ? 0 : intFromEnv(`${PREFIX}RECEIPTS`, quick ? 3_000 : 30_000),
    backends: BACKENDS.filter((b) => backends.includes(b)),
    poolMax: intFromEnv(`${PREFIX}POOL`, 12),
    partitions: intFromEnv(`${PREFIX}PARTITIONS`, 12),
    sampleMs: 100,
  };
}
