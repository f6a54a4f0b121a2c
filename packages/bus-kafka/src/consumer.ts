import type { Consumer as KafkaConsumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import type { ConsumeOptions, Consumer, IncomingMessage } from '@c360/bus';
import { backoffDelay } from '@c360/errors';
import { translateKafkaError } from './errors';

export interface KafkaConsumerSettings {
  sessionTimeoutMs: number;
  heartbeatIntervalMs: number;
  rebalanceTimeoutMs: number;
  maxWaitTimeMs: number;
  retryBackoffMs: number;
}

function toIncoming(topic: string, partition: number, message: KafkaMessage): IncomingMessage {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.map(String).join(',') : value.toString();
  }
  return {
    topic,
    partition,
    offset: BigInt(message.offset),
    key: message.key?.toString() ?? '',
    value: message.value ?? Buffer.alloc(0),
    headers,
    timestamp: new Date(Number(message.timestamp)),
  };
}

/**
 * A consumer-group member over kafkajs' eachBatch: the fetched batch is handed
 * to the handler in slices of `maxBatchSize`, each committed after it resolved. A
 * rejected slice is sought back to, so kafkajs fetches it again after a back-off.
 */
export function startKafkaConsumer(
  kafka: Kafka,
  settings: KafkaConsumerSettings,
  options: ConsumeOptions,
): Consumer & { abort(): Promise<void> } {
  const maxBatch = options.maxBatchSize ?? 500;
  const consumer: KafkaConsumer = kafka.consumer({
    groupId: options.groupId,
    sessionTimeout: settings.sessionTimeoutMs,
    heartbeatInterval: settings.heartbeatIntervalMs,
    rebalanceTimeout: settings.rebalanceTimeoutMs,
    maxWaitTimeInMs: settings.maxWaitTimeMs,
    allowAutoTopicCreation: false,
    retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 200, maxRetryTime: 5_000 },
  });
  let aborted = false;
  let failures = 0;
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  consumer.on(consumer.events.GROUP_JOIN, () => markReady());

  const eachBatch = async ({
    batch,
    heartbeat,
    isRunning,
    isStale,
    resolveOffset,
  }: EachBatchPayload): Promise<void> => {
    const { topic, partition } = batch;
    for (let start = 0; start < batch.messages.length; start += maxBatch) {
      if (!isRunning() || isStale() || aborted) return;
      const slice = batch.messages.slice(start, start + maxBatch).map((m) => toIncoming(topic, partition, m));
      try {
        await options.handler(slice);
      } catch (error) {
        options.onHandlerError?.(error, slice);
        failures++;
        const delay = backoffDelay(failures, { initialMs: settings.retryBackoffMs });
        await new Promise((resolve) => setTimeout(resolve, delay));
        consumer.seek({ topic, partition, offset: slice[0]!.offset.toString() });
        return;
      }
      failures = 0;
      if (aborted) return;
      const last = slice[slice.length - 1]!.offset;
      await consumer.commitOffsets([{ topic, partition, offset: (last + 1n).toString() }]);
      resolveOffset(last.toString()); // kafkajs fetches on from resolved offsets
      await heartbeat();
    }
  };

  const run = async (): Promise<void> => {
    try {
      await consumer.connect();
      await consumer.subscribe({
        topic: options.topic,
        fromBeginning: (options.startFrom ?? 'earliest') === 'earliest',
      });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: 1,
        eachBatch,
      });
    } catch (error) {
      markReady();
      throw translateKafkaError(error, 'consumer start');
    }
  };
  const done = new Promise<void>((resolve, reject) => {
    run().catch(reject);
    consumer.on(consumer.events.CRASH, (event) => {
      if (!event.payload.restart) reject(translateKafkaError(event.payload.error, 'consumer'));
    });
    consumer.on(consumer.events.STOP, () => resolve());
  });
  done.catch(() => undefined);

  return {
    ready,
    done,
    pause: () => consumer.pause([{ topic: options.topic }]),
    resume: () => consumer.resume([{ topic: options.topic }]),
    async stop() {
      // kafkajs lets the batch in progress finish (its slices are committed one by one), then leaves the group.
      await consumer.disconnect();
    },
    /** Crash-like: nothing more is committed; a hung handler is abandoned and the group evicts this member. */
    async abort() {
      aborted = true;
      await Promise.race([consumer.disconnect().catch(() => undefined), new Promise((r) => setTimeout(r, 1_000))]);
    },
  };
}
