/** Counts and switches of the bus benchmark: defaults, then `C360_BENCH_BUS_*` environment overrides. */
import { intFromEnv } from '../measure';

export type BackendKey = 'postgres' | 'pglite' | 'kafka';
const BACKENDS: readonly BackendKey[] = ['postgres', 'pglite', 'kafka'];

export interface BusBenchConfig {
  /** Touchpoints per run (each timed phase moves all of them). */
  count: number;
  /** Messages per `Bus.publish` call (and per raw produce / INSERT). */
  publishBatch: number;
  /** Publish calls in flight at once, each lane waiting for its previous call (closed loop). */
  publishers: number;
  /** Most messages per consumer handler call (`maxBatchSize`) and rows per raw SELECT page. */
  consumeBatch: number;
  /** Partitions of every topic on the embedded log (the platform's default is 12). */
  partitions: number;
  backends: BackendKey[];
  /** Touchpoints of the untimed warm-up through each contender. */
  warmUp: number;
  /** No progress for this long while waiting for messages fails the run. */
  stallMs: number;
}

export const USAGE = `usage: npm run bench:bus [-- --quick]
  --quick                 smoke run (20,000 touchpoints)
env: C360_BENCH_BUS_COUNT (200000), C360_BENCH_BUS_BACKENDS (postgres,pglite,kafka),
     C360_BENCH_BUS_BATCH (500 per publish), C360_BENCH_BUS_PUBLISHERS (4 concurrent publishers),
     C360_BENCH_BUS_CONSUME_BATCH (500), C360_BENCH_BUS_PARTITIONS (12),
     DATABASE_URL (postgres://postgres@127.0.0.1:5432/test), C360_KAFKA_DEBUG=1 (kafkajs logs)`;

export function loadConfig(argv: readonly string[]): BusBenchConfig {
  const unknownArgs = argv.filter((a) => a !== '--quick');
  if (unknownArgs.length > 0) {
    console.error(`unknown argument(s): ${unknownArgs.join(' ')}\n${USAGE}`);
    process.exit(2);
  }
  const backends = (process.env.C360_BENCH_BUS_BACKENDS ?? BACKENDS.join(','))
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b !== '');
  const unknown = backends.filter((b) => !BACKENDS.includes(b as BackendKey));
  if (unknown.length > 0) throw new Error(`C360_BENCH_BUS_BACKENDS: unknown ${unknown.join(', ')}; known: ${BACKENDS}`);
  const count = intFromEnv('C360_BENCH_BUS_COUNT', argv.includes('--quick') ? 20_000 : 200_000);
  return {
    count,
    publishBatch: intFromEnv('C360_BENCH_BUS_BATCH', 500),
    publishers: intFromEnv('C360_BENCH_BUS_PUBLISHERS', 4),
    consumeBatch: intFromEnv('C360_BENCH_BUS_CONSUME_BATCH', 500),
    partitions: intFromEnv('C360_BENCH_BUS_PARTITIONS', 12),
    backends: BACKENDS.filter((b) => backends.includes(b)),
    warmUp: Math.min(count, 5_000),
    stallMs: 60_000,
  };
}
