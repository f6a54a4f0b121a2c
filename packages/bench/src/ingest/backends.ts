/**
 * The stacks the ingestor runs on, assembled as its integration test assembles
 * them: PGlite with the embedded log (the embedded default), a PostgreSQL server
 * with the embedded log, and librdkafka's mock cluster with the PostgreSQL server.
 * Each also opens fresh, empty databases of its kind for the plain-append reference.
 */
import type { Bus } from '@c360/bus';
import { getKafkaBus, mockFriendlyRoundRobin } from '@c360/bus-kafka';
import { getEmbeddedLogBus, migrateEmbeddedLog } from '@c360/bus-postgres';
import { STACK_TOPICS } from '@c360/ingestor/testing';
import type { Sql } from '@c360/sql';
import {
  pgliteTestDatabase,
  postgresTestDatabase,
  postgresUrl,
  startKafkaMock,
  type TestDatabase,
} from '@c360/testing';
import type { BackendKey, IngestBenchConfig } from './config';

export interface IngestBackend {
  key: BackendKey;
  name: string;
  /** Where it runs and how it is set up, for the report. */
  description: string;
  bus: Bus;
  /** The database of the ingestor's event store and keyring (on the embedded stacks, also the log's). */
  sql: Sql;
  /** Partitions of the touchpoint topic, created empty. */
  partitions: number;
  /** Messages per publish call of the (untimed) pre-publish. */
  publishBatch: number;
  /** A fresh, empty database of the same kind as `sql`: the plain append's. */
  openReference(): Promise<TestDatabase>;
  /** Before each timed phase: flushes what earlier phases wrote (server only). */
  settle(): Promise<void>;
  /** Drops what the benchmark created and closes every client. */
  dispose(): Promise<void>;
}

export const BACKEND_NAMES: Record<BackendKey, string> = {
  pglite: 'PGlite + embedded log',
  postgres: 'PostgreSQL + embedded log',
  kafka: 'Kafka/mock + PostgreSQL',
};

/** Pool of the server databases: the ingestor works one batch at a time; the log's consumer and publisher beside it. */
const POOL = 8;
const BROKERS = 3;
const MOCK_PARTITION_BYTES = 5 * 1024 * 1024;
/** Record overhead in a v2 record batch, roughly (lengths, deltas, attributes). */
const RECORD_OVERHEAD = 20;

/** As services/ingestor/src/ingestor.int.test.ts and the bus-kafka suites set them for the mock cluster. */
const MOCK_OPTIONS = {
  consumer: { sessionTimeoutMs: 6_000, heartbeatIntervalMs: 500, rebalanceTimeoutMs: 10_000, maxWaitTimeMs: 100 },
  partitionAssigners: [mockFriendlyRoundRobin],
  debug: process.env.C360_KAFKA_DEBUG === '1',
};

async function serverDescription(sql: Sql): Promise<string> {
  const { rows } = await sql.query<{ version: string; sync: string; schema: string }>(
    `SELECT split_part(current_setting('server_version'), ' ', 1) AS version,
            current_setting('synchronous_commit') AS sync, current_schema() AS schema`,
  );
  const url = new URL(postgresUrl());
  const { version, sync, schema } = rows[0]!;
  return `PostgreSQL ${version} at ${url.host}${url.pathname}, schema ${schema}, synchronous_commit=${sync}, pool ${POOL}`;
}

async function embedded(
  key: 'pglite' | 'postgres',
  db: TestDatabase,
  config: IngestBenchConfig,
  where: string,
): Promise<IngestBackend> {
  await migrateEmbeddedLog(db.sql);
  const bus = getEmbeddedLogBus(db.sql);
  await bus.ensureTopics([
    { name: STACK_TOPICS.touchpoints, partitions: config.partitions },
    { name: STACK_TOPICS.dlq, partitions: 1 },
  ]);
  return {
    key,
    name: BACKEND_NAMES[key],
    description: `${BACKEND_NAMES[key]}: ${where}; embedded log in the same database, production timings, ${config.partitions} partitions`,
    bus,
    sql: db.sql,
    partitions: config.partitions,
    publishBatch: config.batchSize,
    openReference: key === 'pglite' ? () => pgliteTestDatabase() : () => postgresTestDatabase({ max: POOL }),
    settle: async () => {
      if (db.sql.kind === 'postgres') await db.sql.exec('CHECKPOINT');
    },
    dispose: async () => {
      await bus.close();
      await db.dispose();
    },
  };
}

export async function openPglite(config: IngestBenchConfig): Promise<IngestBackend> {
  const db = await pgliteTestDatabase();
  try {
    const { rows } = await db.sql.query<{ version: string }>(
      `SELECT split_part(current_setting('server_version'), ' ', 1) AS version`,
    );
    return await embedded('pglite', db, config, `PGlite (PostgreSQL ${rows[0]?.version}, in memory, one connection)`);
  } catch (error) {
    await db.dispose();
    throw error;
  }
}

export async function openPostgres(config: IngestBenchConfig): Promise<IngestBackend> {
  const db = await postgresTestDatabase({ max: POOL });
  try {
    return await embedded('postgres', db, config, await serverDescription(db.sql));
  } catch (error) {
    await db.dispose();
    throw error;
  }
}

/**
 * The mock keeps at most 5 MiB per partition and silently drops the oldest message
 * sets beyond that; the whole run is published before the ingestor starts, so the
 * topic gets enough partitions to hold it twice over (never fewer than configured).
 */
function partitionsFor(bytes: number, messages: number, minimum: number): number {
  return Math.max(minimum, Math.ceil((2 * (bytes + messages * RECORD_OVERHEAD)) / MOCK_PARTITION_BYTES));
}

export async function openKafka(
  config: IngestBenchConfig,
  run: { bytes: number; messages: number },
): Promise<IngestBackend> {
  const mock = await startKafkaMock({ brokers: BROKERS });
  let db: TestDatabase | undefined;
  let bus: Bus | undefined;
  const dispose = async (): Promise<void> => {
    await bus?.close();
    await db?.dispose();
    await mock.stop();
  };
  try {
    const partitions = partitionsFor(run.bytes, run.messages, config.partitions);
    await mock.createTopic(STACK_TOPICS.touchpoints, partitions);
    await mock.createTopic(STACK_TOPICS.dlq, 1);
    db = await postgresTestDatabase({ max: POOL });
    bus = getKafkaBus({ brokers: mock.brokers, clientId: 'c360-bench-ingest', ...MOCK_OPTIONS });
    return {
      key: 'kafka',
      name: BACKEND_NAMES.kafka,
      description:
        `${BACKEND_NAMES.kafka}: librdkafka mock cluster, ${BROKERS} brokers, kafkajs, ${partitions} partitions ` +
        `(room for the run twice over: the mock keeps <= 5 MiB per partition); ${await serverDescription(db.sql)}`,
      bus,
      sql: db.sql,
      partitions,
      // The mock answers a fetch with one message set per partition, where a broker sends up to 1 MiB of them:
      // publish calls of `batchSize` per partition give the ingestor the full batches a broker would.
      publishBatch: config.batchSize * partitions,
      openReference: () => postgresTestDatabase({ max: POOL }),
      settle: () => db!.sql.exec('CHECKPOINT'),
      dispose,
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}
