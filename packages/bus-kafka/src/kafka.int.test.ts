import { describe, expect, it } from 'vitest';
import { busContract, keyedMessages, orderProblems, recordingConsumer, uniqueName, waitFor } from '@c360/bus/testing';
import { kafkaMockAvailable, requireKafka, startKafkaMock, type KafkaMock } from '@c360/testing';
import { getKafkaBus } from './bus';
import { mockFriendlyRoundRobin } from './mock-cluster';

const harness = kafkaMockAvailable();
const skipKafka = !harness.ok && !requireKafka();
const consumer = { sessionTimeoutMs: 6_000, heartbeatIntervalMs: 500, rebalanceTimeoutMs: 10_000, maxWaitTimeMs: 100 };
const mockOptions = {
  consumer,
  partitionAssigners: [mockFriendlyRoundRobin],
  debug: process.env.C360_KAFKA_DEBUG === '1',
};

describe.skipIf(skipKafka)(
  `Kafka (librdkafka mock cluster)${harness.ok ? '' : ` (skipped: ${harness.reason})`}`,
  () => {
    it('has the mock cluster harness when C360_REQUIRE_KAFKA=1', () => {
      expect(harness).toEqual({ ok: true });
    });

    busContract('Kafka via kafkajs', async () => {
      const mock = await startKafkaMock({ brokers: 3 });
      return {
        connect: async () => getKafkaBus({ brokers: mock.brokers, ...mockOptions }),
        createTopic: (name, partitions) => mock.createTopic(name, partitions),
        sessionTimeoutMs: consumer.sessionTimeoutMs,
        dispose: () => mock.stop(),
      };
    });

    describe('topics', () => {
      it('given a broker without CreateTopics, then existing topics are accepted and a missing one is a clear error', async () => {
        const mock = await startKafkaMock({ brokers: 1 });
        try {
          const bus = getKafkaBus({ brokers: mock.brokers });
          const existing = uniqueName('exists');
          await mock.createTopic(existing, 3);
          await expect(bus.ensureTopics([{ name: existing, partitions: 3 }])).resolves.toBeUndefined();
          await expect(bus.ensureTopics([{ name: uniqueName('missing'), partitions: 3 }])).rejects.toMatchObject({
            code: 'bus_topics_missing',
            retriable: true,
          });
          await bus.close();
        } finally {
          await mock.stop();
        }
      }, 60_000);
    });

    describe('broker faults', () => {
      it('given a broker down for a few seconds mid-run, when it comes back, then every message is consumed and none is lost', async () => {
        const mock: KafkaMock = await startKafkaMock({ brokers: 3 });
        try {
          const topic = uniqueName('faults');
          await mock.createTopic(topic, 6, 3);
          const bus = getKafkaBus({ brokers: mock.brokers, ...mockOptions, publishTimeoutMs: 60_000 });
          const { consumer: member, seen } = recordingConsumer(bus, { groupId: uniqueName('g'), topic });
          await member.ready;
          const published = [];
          // The broker goes down 1 s in and comes back 4 s later, whatever the publisher is doing.
          const faults = (async () => {
            await new Promise((r) => setTimeout(r, 1_000));
            await mock.brokerDown(2);
            await new Promise((r) => setTimeout(r, 4_000));
            await mock.brokerUp(2);
          })();
          const until = Date.now() + 8_000;
          for (let round = 0; Date.now() < until; round++) {
            const batch = keyedMessages(100, 30, round * 100);
            await bus.publish(topic, batch);
            published.push(...batch);
            await new Promise((r) => setTimeout(r, 100));
          }
          await faults;
          await waitFor(
            () => new Set(seen.map((m) => m.value.toString())).size >= published.length,
            60_000,
            'all messages',
          );
          await member.stop();
          await bus.close();
          expect(orderProblems(seen, published)).toEqual([]);
        } finally {
          await mock.stop();
        }
      }, 120_000);
    });
  },
);
