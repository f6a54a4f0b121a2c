/**
 * Kafka's raw ceiling: plain kafkajs with no bus port and no codec. The same
 * pre-encoded messages (key, value, headers) go out through `producer.send` with
 * the same batch sizes and acks -1, and come back through a plain `eachBatch`
 * consumer with kafkajs' default commits. The one place outside bus-kafka that
 * imports kafkajs: a ceiling has to bypass the port it measures.
 */
import { Kafka, logLevel, Partitioners, type PartitionAssigner, type Producer } from 'kafkajs';
import type { OutgoingMessage } from '@c360/bus';
import { uniqueName } from '@c360/bus/testing';
import type { KafkaConsumerSettings } from '@c360/bus-kafka';
import { failure, type Pipe } from './pipe';

export interface RawKafkaOptions {
  brokers: string[];
  createTopic(name: string): Promise<void>;
  /** The group settings the bus adapter gets, so both consumers join and fetch alike. */
  consumer: Pick<
    KafkaConsumerSettings,
    'sessionTimeoutMs' | 'heartbeatIntervalMs' | 'rebalanceTimeoutMs' | 'maxWaitTimeMs'
  >;
  partitionAssigners: PartitionAssigner[];
  debug: boolean;
}

export function rawKafkaPipe(options: RawKafkaOptions): Pipe<OutgoingMessage> & { close(): Promise<void> } {
  const kafka = new Kafka({
    clientId: 'c360-bench-raw',
    brokers: options.brokers,
    logLevel: options.debug ? logLevel.INFO : logLevel.NOTHING,
  });
  let producer: Promise<Producer> | undefined;
  const connected = (): Promise<Producer> =>
    (producer ??= (async () => {
      const p = kafka.producer({
        allowAutoTopicCreation: false,
        idempotent: false,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await p.connect();
      return p;
    })());

  return {
    label: 'raw kafkajs',
    createTopic: options.createTopic,
    async publish(topic, batch) {
      await (await connected()).send({ topic, acks: -1, messages: batch as OutgoingMessage[] });
    },
    async read(topic, seen) {
      const consumer = kafka.consumer({
        groupId: uniqueName('bench-raw'),
        sessionTimeout: options.consumer.sessionTimeoutMs,
        heartbeatInterval: options.consumer.heartbeatIntervalMs,
        rebalanceTimeout: options.consumer.rebalanceTimeoutMs,
        maxWaitTimeInMs: options.consumer.maxWaitTimeMs,
        partitionAssigners: options.partitionAssigners,
        allowAutoTopicCreation: false,
      });
      const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
      const crashed = new Promise<void>((_, reject) =>
        consumer.on(consumer.events.CRASH, (event) => {
          if (!event.payload.restart) reject(event.payload.error);
        }),
      );
      const failed = failure(crashed, 'raw kafkajs consumer');
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        eachBatch: async ({ batch }) => seen(batch.messages.map((m) => `${batch.partition}:${m.offset}`)),
      });
      await Promise.race([joined, failed]);
      return { failed, stop: () => consumer.disconnect() };
    },
    async close() {
      const p = await producer?.catch(() => undefined);
      producer = undefined;
      await p?.disconnect();
    },
  };
}
