/** Counts and switches of the ingest benchmark: defaults, then `C360_BENCH_INGEST_*` environment overrides. */
import { intFromEnv } from '../measure';

export type BackendKey = 'pglite' | 'postgres' | 'kafka';
const BACKENDS: readonly BackendKey[] = ['pglite', 'postgres', 'kafka'];

export interface IngestBenchConfig {
  /** Persons of the population; each ends as one customer. */
  people: number;
  /** Touchpoints of the population (the first `people` are the persons' sign-ups). */
  touchpoints: number;
  /** The ingestor's `maxBatchSize`, and the touchpoints per `appendMany` of the plain append. */
  batchSize: number;
  /** Touchpoint topic partitions (at least; Kafka gets more when the mock could not hold a run). */
  partitions: number;
  backends: BackendKey[];
  /** Directory for CPU and allocation profiles of each timed ingest (`ingest-<backend>.*`); none when unset. */
  profileDir: string | undefined;
  /** No progress for this long fails a phase. */
  stallMs: number;
}

export const USAGE = `usage: npm run bench:ingest [-- --quick]
  --quick   smoke run (4,000 people, 20,000 touchpoints)
env: C360_BENCH_INGEST_PEOPLE (20000), C360_BENCH_INGEST_TOUCHPOINTS (100000),
     C360_BENCH_INGEST_BACKENDS (pglite,postgres,kafka), C360_BENCH_INGEST_BATCH (2000, the ingestor's default),
     C360_BENCH_INGEST_PARTITIONS (12), C360_BENCH_INGEST_PROFILE (a directory: CPU + allocation profiles of the timed ingest),
     DATABASE_URL (postgres://postgres@127.0.0.1:5432/test), C360_KAFKA_DEBUG=1 (kafkajs logs)`;

export function loadConfig(argv: readonly string[]): IngestBenchConfig {
  const unknownArgs = argv.filter((a) => a !== '--quick');
  const quick = argv.includes('--quick');
  if (unknownArgs.length > 0) {
    console.error(`unknown argument(s): ${unknownArgs.join(' ')}\n${USAGE}`);
    process.exit(2);
  }
  const backends = (process.env.C360_BENCH_INGEST_BACKENDS ?? BACKENDS.join(','))
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b !== '');
  const unknown = backends.filter((b) => !BACKENDS.includes(b as BackendKey));
  if (unknown.length > 0) {
    throw new Error(`C360_BENCH_INGEST_BACKENDS: unknown ${unknown.join(', ')}; known: ${BACKENDS.join(', ')}`);
  }
  const people = intFromEnv('C360_BENCH_INGEST_PEOPLE', quick ? 4_000 : 20_000);
  const touchpoints = intFromEnv('C360_BENCH_INGEST_TOUCHPOINTS', quick ? 20_000 : 100_000);
  if (touchpoints < people) {
    throw new Error(
      `C360_BENCH_INGEST_TOUCHPOINTS (${touchpoints}) must be at least C360_BENCH_INGEST_PEOPLE (${people})`,
    );
  }
  return {
    people,
    touchpoints,
    batchSize: intFromEnv('C360_BENCH_INGEST_BATCH', 2_000),
    partitions: intFromEnv('C360_BENCH_INGEST_PARTITIONS', 12),
    backends: BACKENDS.filter((b) => backends.includes(b)),
    profileDir: process.env.C360_BENCH_INGEST_PROFILE || undefined,
    stallMs: 60_000,
  };
}
