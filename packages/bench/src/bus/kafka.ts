/**
 * Kafka: librdkafka's mock cluster started by `@c360/testing` (3 brokers, as the
 * bus-kafka suites start it), our adapter with those suites' mock options
 * (consumer timings, mock-friendly assigner), and raw kafkajs on the same cluster.
 *
 * The mock keeps at most 5 MiB per partition and silently drops the oldest
 * message sets beyond that. The publish phase writes a whole run before the read
 * phase starts, so topics get enough partitions to hold a run twice over (never
 * fewer than configured); the read phases' id check would catch any loss anyway.
 */
import type { OutgoingMessage } from '@c360/bus';
import { getKafkaBus, mockFriendlyRoundRobin } from '@c360/bus-kafka';
import { kafkaMockAvailable, startKafkaMock } from '@c360/testing';
import { BACKEND_NAMES, type BusBackend } from './backend';
import type { BusBenchConfig } from './config';
import { busPipe } from './ours';
import { rawKafkaPipe } from './raw-kafka';

const BROKERS = 3;
const MOCK_PARTITION_BYTES = 5 * 1024 * 1024;
/** Record overhead in a v2 record batch, roughly (lengths, deltas, attributes). */
const RECORD_OVERHEAD = 20;

/** As packages/bus-kafka/src/kafka.int.test.ts sets them for the mock cluster. */
const MOCK_OPTIONS = {
  consumer: { sessionTimeoutMs: 6_000, heartbeatIntervalMs: 500, rebalanceTimeoutMs: 10_000, maxWaitTimeMs: 100 },
  partitionAssigners: [mockFriendlyRoundRobin],
  debug: process.env.C360_KAFKA_DEBUG === '1',
};

/** Why the mock cluster cannot run here, or undefined when it can. */
export function kafkaUnavailable(): string | undefined {
  const availability = kafkaMockAvailable();
  return availability.ok ? undefined : `kafka-mock unavailable: ${availability.reason}`;
}

function partitionsFor(messages: readonly OutgoingMessage[], minimum: number): number {
  let bytes = 0;
  for (const m of messages) {
    bytes += RECORD_OVERHEAD + Buffer.byteLength(m.key) + m.value.length;
    for (const [name, value] of Object.entries(m.headers ?? {})) bytes += name.length + Buffer.byteLength(value) + 2;
  }
  return Math.max(minimum, Math.ceil((2 * bytes) / MOCK_PARTITION_BYTES));
}

export async function openKafka(config: BusBenchConfig, messages: readonly OutgoingMessage[]): Promise<BusBackend> {
  const mock = await startKafkaMock({ brokers: BROKERS });
  try {
    const partitions = partitionsFor(messages, config.partitions);
    const createTopic = (name: string): Promise<void> => mock.createTopic(name, partitions);
    const bus = getKafkaBus({ brokers: mock.brokers, clientId: 'c360-bench', ...MOCK_OPTIONS });
    const raw = rawKafkaPipe({ brokers: mock.brokers, createTopic, ...MOCK_OPTIONS });
    return {
      key: 'kafka',
      name: BACKEND_NAMES.kafka,
      description:
        `${BACKEND_NAMES.kafka}: librdkafka mock cluster, ${BROKERS} brokers, replication 1, kafkajs clients, ` +
        `${partitions} partitions (room for a whole run: the mock keeps <= 5 MiB per partition)`,
      ours: busPipe(bus, { createTopic, maxBatchSize: config.consumeBatch }),
      raw,
      settle: async () => undefined,
      prepareReads: async () => undefined,
      dispose: async () => {
        await bus.close();
        await raw.close();
        await mock.stop();
      },
    };
  } catch (error) {
    await mock.stop();
    throw error;
  }
}
