import type { Consumer as KafkaConsumer, EachBatchPayload, Kafka, KafkaMessage, PartitionAssigner } from 'kafkajs';
import type { ConsumeOptions, Consumer, IncomingMessage } from '@c360/bus';
import { backoffDelay, InfrastructureError } from '@c360/errors';
import { translateKafkaError } from './errors';

export interface KafkaConsumerSettings {
  sessionTimeoutMs: number;
  heartbeatIntervalMs: number;
  rebalanceTimeoutMs: number;
  maxWaitTimeMs: number;
  retryBackoffMs: number;
  partitionAssigners?: PartitionAssigner[];
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

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
  let aborted = false;
  let stopping = false;
  let paused = false;
  let failures = 0;
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  let current: KafkaConsumer | undefined;

  const newConsumer = (): KafkaConsumer =>
    kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: settings.sessionTimeoutMs,
      heartbeatInterval: settings.heartbeatIntervalMs,
      rebalanceTimeout: settings.rebalanceTimeoutMs,
      maxWaitTimeInMs: settings.maxWaitTimeMs,
      allowAutoTopicCreation: false,
      ...(settings.partitionAssigners ? { partitionAssigners: settings.partitionAssigners } : {}),
      retry: { retries: 30, initialRetryTime: 200, maxRetryTime: 2_000 },
    });

  const eachBatch =
    (consumer: KafkaConsumer) =>
    async ({ batch, heartbeat, isRunning, isStale, resolveOffset }: EachBatchPayload): Promise<void> => {
      const { topic, partition } = batch;
      for (let start = 0; start < batch.messages.length; start += maxBatch) {
        if (!isRunning() || isStale() || aborted) return;
        const slice = batch.messages.slice(start, start + maxBatch).map((m) => toIncoming(topic, partition, m));
        try {
          await options.handler(slice);
        } catch (error) {
          options.onHandlerError?.(error, slice);
          failures++;
          await sleep(backoffDelay(failures, { initialMs: settings.retryBackoffMs }));
          consumer.seek({ topic, partition, offset: slice[0]!.offset.toString() });
          return;
        }
        failures = 0;
        if (aborted) return;
        const last = slice[slice.length - 1]!.offset;
        try {
          await consumer.commitOffsets([{ topic, partition, offset: (last + 1n).toString() }]);
        } catch {
          // Typically a rebalance took the partition away: the slice stays uncommitted and
          // its next owner gets it again (at-least-once). Throwing here would crash kafkajs.
          return;
        }
        resolveOffset(last.toString()); // kafkajs fetches on from resolved offsets
        await heartbeat();
      }
    };

  /**
   * Runs one kafkajs consumer until it stops (resolves true) or crashes without
   * restarting itself (resolves false). kafkajs never restarts after a non-retriable
   * error — e.g. a broker answering a late SyncGroup with INVALID_REQUEST, which
   * librdkafka's mock cluster does — so the caller starts a fresh member instead.
   */
  const runOnce = (consumer: KafkaConsumer): Promise<boolean> =>
    new Promise<boolean>((resolve, reject) => {
      consumer.on(consumer.events.GROUP_JOIN, () => markReady());
      consumer.on(consumer.events.STOP, () => resolve(true));
      consumer.on(consumer.events.CRASH, (event) => {
        if (!event.payload.restart) resolve(false);
      });
      (async () => {
        await consumer.connect();
        await consumer.subscribe({
          topic: options.topic,
          fromBeginning: (options.startFrom ?? 'earliest') === 'earliest',
        });
        await consumer.run({
          autoCommit: false,
          eachBatchAutoResolve: false,
          partitionsConsumedConcurrently: 1,
          eachBatch: eachBatch(consumer),
        });
        if (paused) consumer.pause([{ topic: options.topic }]);
      })().catch(reject);
    });

  const run = async (): Promise<void> => {
    for (let crashes = 1; ; crashes++) {
      current = newConsumer();
      try {
        if (await runOnce(current)) return;
      } catch (error) {
        markReady();
        throw translateKafkaError(error, 'consumer start');
      }
      await current.disconnect().catch(() => undefined);
      if (stopping || aborted) return;
      if (crashes >= 20)
        throw new InfrastructureError('Kafka consumer kept crashing', { retriable: true, code: 'bus_failure' });
      await sleep(backoffDelay(crashes, { initialMs: 500, maxMs: 10_000 }));
    }
  };
  const done = run();
  done.catch(() => undefined);

  return {
    ready,
    done,
    pause: () => {
      paused = true;
      current?.pause([{ topic: options.topic }]);
    },
    resume: () => {
      paused = false;
      current?.resume([{ topic: options.topic }]);
    },
    async stop() {
      // kafkajs lets the batch in progress finish (its slices are committed one by one), then leaves the group.
      stopping = true;
      await current?.disconnect();
      await done;
    },
    /** Crash-like: nothing more is committed; a hung handler is abandoned and the group evicts this member. */
    async abort() {
      aborted = true;
      await Promise.race([current?.disconnect().catch(() => undefined), sleep(1_000)]);
    },
  };
}
