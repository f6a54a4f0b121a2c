import { Kafka, logLevel, Partitioners, type Admin, type PartitionAssigner, type Producer } from 'kafkajs';
import { InfrastructureError, NotFoundError, ValidationError } from '@c360/errors';
import type { Bus, TopicSpec } from '@c360/bus';
import { startKafkaConsumer, type KafkaConsumerSettings } from './consumer';
import { translateKafkaError } from './errors';

export interface KafkaBusOptions {
  brokers: string[];
  clientId?: string;
  consumer?: Partial<KafkaConsumerSettings>;
  /** kafkajs' own logs at INFO (to stdout); off by default. */
  debug?: boolean;
  /** Partition assignment strategies (kafkajs' round robin by default). */
  partitionAssigners?: PartitionAssigner[];
  /** How long a publish keeps retrying through broker faults before it fails (default 30 s). */
  publishTimeoutMs?: number;
}

const DEFAULT_CONSUMER: KafkaConsumerSettings = {
  sessionTimeoutMs: 30_000,
  heartbeatIntervalMs: 3_000,
  rebalanceTimeoutMs: 60_000,
  maxWaitTimeMs: 500,
  retryBackoffMs: 100,
};

/**
 * The bus on Kafka, through kafkajs — the only package that imports it, so the
 * client can be replaced. Publishes wait for all in-sync replicas (acks = -1).
 * The idempotent producer is off: librdkafka's mock cluster (our test broker) has
 * no InitProducerId, and the ingestor's idempotent append covers duplicates.
 */
export function getKafkaBus(options: KafkaBusOptions): Bus {
  if (options.brokers.length === 0) throw ValidationError.forPath('brokers', 'at least one broker is required');
  const kafka = new Kafka({
    clientId: options.clientId ?? 'c360',
    brokers: options.brokers,
    logLevel: options.debug ? logLevel.INFO : logLevel.NOTHING,
    retry: { retries: 8, initialRetryTime: 200, maxRetryTime: 5_000 },
  });
  const consumerSettings = { ...DEFAULT_CONSUMER, ...options.consumer };
  const consumers = new Set<{ abort(): Promise<void> }>();
  let producer: Promise<Producer> | undefined;
  const connectedProducer = (): Promise<Producer> => {
    producer ??= (async () => {
      const p = kafka.producer({
        allowAutoTopicCreation: false,
        idempotent: false,
        createPartitioner: Partitioners.DefaultPartitioner,
        // Keep retrying through a broker fault for about publishTimeoutMs before giving up.
        retry: {
          retries: Math.ceil((options.publishTimeoutMs ?? 30_000) / 2_000),
          initialRetryTime: 200,
          maxRetryTime: 2_000,
        },
      });
      await p.connect();
      return p;
    })().catch((error: unknown) => {
      producer = undefined;
      throw translateKafkaError(error, 'producer connect');
    });
    return producer;
  };

  /** One admin connection for `lag`, kept (metrics scrapes call it every few seconds). */
  let lagAdmin: Promise<Admin> | undefined;
  const connectedAdmin = (): Promise<Admin> => {
    lagAdmin ??= (async () => {
      const admin = kafka.admin();
      await admin.connect();
      return admin;
    })().catch((error: unknown) => {
      lagAdmin = undefined;
      throw translateKafkaError(error, 'admin connect');
    });
    return lagAdmin;
  };

  return {
    async ensureTopics(topics: TopicSpec[]) {
      const admin = kafka.admin();
      try {
        await admin.connect();
        const existing = new Set(await admin.listTopics());
        const missing = topics.filter((t) => !existing.has(t.name));
        if (missing.length === 0) return;
        await admin.createTopics({
          topics: missing.map((t) => ({ topic: t.name, numPartitions: t.partitions })),
          waitForLeaders: true,
        });
      } catch (error) {
        throw new InfrastructureError(
          `could not ensure topics ${topics.map((t) => t.name).join(', ')}: create them on the broker (${(error as Error).message})`,
          { retriable: true, cause: error, code: 'bus_topics_missing' },
        );
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
    },

    async publish(topic, messages) {
      if (messages.length === 0) return;
      const p = await connectedProducer();
      try {
        await p.send({
          topic,
          acks: -1,
          timeout: options.publishTimeoutMs ?? 30_000,
          messages: messages.map((m) => ({ key: m.key, value: m.value, headers: m.headers ?? {} })),
        });
      } catch (error) {
        throw translateKafkaError(error, `publish to ${topic}`);
      }
    },

    consume(consumeOptions) {
      const consumer = startKafkaConsumer(
        kafka,
        { ...consumerSettings, partitionAssigners: options.partitionAssigners },
        consumeOptions,
      );
      consumers.add(consumer);
      void consumer.done.catch(() => undefined).finally(() => consumers.delete(consumer));
      return consumer;
    },

    async lag(groupId, topic) {
      const admin = await connectedAdmin();
      try {
        if (!(await admin.listTopics()).includes(topic)) {
          throw new NotFoundError(`topic ${topic} does not exist`, { code: 'unknown_topic' });
        }
        const [ends, [committed]] = await Promise.all([
          admin.fetchTopicOffsets(topic),
          admin.fetchOffsets({ groupId, topics: [topic] }),
        ]);
        // kafkajs reports "no committed offset" as -1.
        const committedOf = new Map(
          (committed?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset) < 0n ? null : BigInt(p.offset)]),
        );
        return ends
          .map(({ partition, high, low }) => {
            const position = committedOf.get(partition) ?? null;
            const end = BigInt(high);
            const from = position ?? BigInt(low);
            return { partition, committed: position, end, behind: end > from ? end - from : 0n };
          })
          .sort((a, b) => a.partition - b.partition);
      } catch (error) {
        throw translateKafkaError(error, `lag of ${groupId} on ${topic}`);
      }
    },

    async close() {
      await Promise.all([...consumers].map((c) => c.abort()));
      if (lagAdmin) await (await lagAdmin.catch(() => undefined))?.disconnect();
      lagAdmin = undefined;
      consumers.clear();
      if (producer) await (await producer.catch(() => undefined))?.disconnect();
      producer = undefined;
    },
  };
}
