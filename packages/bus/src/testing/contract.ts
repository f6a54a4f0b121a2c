import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bus, IncomingMessage, OutgoingMessage } from '../port';
import { keyedMessages, orderProblems, recordingConsumer, sleep, text, uniqueName, waitFor } from './helpers';

export interface BusContractEnv {
  /** A new, independent client of the same bus (as another process would have). */
  connect(): Promise<Bus>;
  /** Creates a topic (Kafka harness or `ensureTopics`). */
  createTopic(name: string, partitions: number): Promise<void>;
  /** Longest time a group needs to notice a member that died (its session timeout), plus slack. */
  sessionTimeoutMs: number;
  dispose(): Promise<void>;
}

/** The bus contract: every adapter runs this same suite. */
export function busContract(name: string, setup: () => Promise<BusContractEnv>): void {
  describe(`bus contract: ${name}`, () => {
    let env: BusContractEnv;
    const open: Bus[] = [];
    const connect = async (): Promise<Bus> => {
      const bus = await env.connect();
      open.push(bus);
      return bus;
    };
    const topic = async (partitions = 4): Promise<string> => {
      const name = uniqueName('topic');
      await env.createTopic(name, partitions);
      return name;
    };
    beforeAll(async () => {
      env = await setup();
    }, 120_000);
    afterAll(async () => {
      await Promise.all(open.map((bus) => bus.close()));
      await env?.dispose();
    });

    it('given published keyed messages, when one member consumes, then it sees all of them with per-key order', async () => {
      const bus = await connect();
      const t = await topic();
      const messages = keyedMessages(300, 17);
      await bus.publish(t, messages);
      const { consumer, seen } = recordingConsumer(bus, { groupId: uniqueName('g'), topic: t, maxBatchSize: 50 });
      await waitFor(() => seen.length >= 300, 30_000, 'all messages');
      await consumer.stop();
      expect(orderProblems(seen, messages)).toEqual([]);
      expect(seen).toHaveLength(300);
      expect(seen[0]?.headers['x-index']).toBeDefined();
      const partitions = new Set(seen.map((m) => m.partition));
      expect(partitions.size).toBeGreaterThan(1);
      for (const p of partitions) {
        const offsets = seen.filter((m) => m.partition === p).map((m) => m.offset);
        expect(offsets).toEqual([...offsets].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      }
    });

    it('given two members of one group, then they split the partitions and together see every message once', async () => {
      const [a, b] = [await connect(), await connect()];
      const t = await topic(6);
      const groupId = uniqueName('g');
      const first = recordingConsumer(a, { groupId, topic: t });
      const second = recordingConsumer(b, { groupId, topic: t });
      await Promise.all([first.consumer.ready, second.consumer.ready]);
      await sleep(env.sessionTimeoutMs / 4); // let the group settle on two members
      const messages = keyedMessages(600, 40);
      await a.publish(t, messages);
      await waitFor(() => first.seen.length + second.seen.length >= 600, 60_000, 'both members');
      await Promise.all([first.consumer.stop(), second.consumer.stop()]);
      const all = [...first.seen, ...second.seen];
      expect(orderProblems(all, messages)).toEqual([]);
      expect(first.seen.length).toBeGreaterThan(0);
      expect(second.seen.length).toBeGreaterThan(0);
      const partitionsOf = (s: typeof all) => new Set(s.map((m) => m.partition));
      const overlap = [...partitionsOf(first.seen)].filter((p) => partitionsOf(second.seen).has(p));
      expect(overlap).toEqual([]);
      expect(all).toHaveLength(600);
    }, 90_000);

    it('given a handler that throws, then the message is delivered again and nothing is lost', async () => {
      const bus = await connect();
      const t = await topic(1);
      const messages = keyedMessages(20, 1);
      await bus.publish(t, messages);
      let failuresLeft = 2;
      const errors: unknown[] = [];
      const { consumer, seen } = recordingConsumer(bus, {
        groupId: uniqueName('g'),
        topic: t,
        maxBatchSize: 5,
        onHandlerError: (error) => errors.push(error),
        onBatch: async (batch) => {
          if (batch.some((m) => text(m) === 'key-0:7') && failuresLeft-- > 0) throw new Error('transient failure');
        },
      });
      await waitFor(() => new Set(seen.map(text)).size >= 20, 30_000, 'redelivery');
      await consumer.stop();
      expect(errors).toHaveLength(2);
      expect(orderProblems(seen, messages)).toEqual([]);
    });

    it('given a member that crashed mid-batch, when a new member joins the group, then it resumes from the committed offset', async () => {
      const crashing = await connect();
      const t = await topic(1);
      const groupId = uniqueName('g');
      const messages = keyedMessages(50, 1);
      await crashing.publish(t, messages);
      const handled: string[] = [];
      crashing.consume({
        groupId,
        topic: t,
        maxBatchSize: 10,
        handler: async (batch) => {
          if (handled.length >= 20) await new Promise(() => undefined); // hangs: the process is dying
          handled.push(...batch.map(text));
        },
      });
      await waitFor(() => handled.length >= 20, 30_000, 'first batches');
      await sleep(200); // the hung batch has started
      await crashing.close();

      const restarted = await connect();
      const { consumer, seen } = recordingConsumer(restarted, { groupId, topic: t });
      await waitFor(() => seen.length >= 30, env.sessionTimeoutMs + 30_000, 'resume after crash');
      await sleep(300);
      await consumer.stop();
      expect(seen.map(text)).toEqual(messages.slice(20).map((m) => m.value.toString()));
    }, 90_000);

    it('given a graceful stop, then what was processed is committed and nothing else', async () => {
      const bus = await connect();
      const t = await topic(2);
      const groupId = uniqueName('g');
      const messages = keyedMessages(100, 5);
      await bus.publish(t, messages);
      const first = recordingConsumer(bus, { groupId, topic: t, maxBatchSize: 10 });
      await waitFor(() => first.seen.length >= 30, 30_000, 'some messages');
      await first.consumer.stop();
      const second = recordingConsumer(await connect(), { groupId, topic: t });
      await waitFor(() => first.seen.length + second.seen.length >= 100, 30_000, 'the rest');
      await sleep(300);
      await second.consumer.stop();
      const all = [...first.seen, ...second.seen].map(text);
      expect(new Set(all).size).toBe(all.length);
      expect(orderProblems([...first.seen, ...second.seen], messages)).toEqual([]);
    }, 60_000);

    it('given a member joining and another leaving under load, then per-key order holds and nothing is lost', async () => {
      const [a, b] = [await connect(), await connect()];
      const t = await topic(6);
      const groupId = uniqueName('g');
      const deliveries: IncomingMessage[] = []; // both members, in the order their handlers ran
      const first = recordingConsumer(a, { groupId, topic: t, maxBatchSize: 20, seen: deliveries });
      await first.consumer.ready;
      let second: ReturnType<typeof recordingConsumer> | undefined;
      let handledBySecond = 0;
      const published: OutgoingMessage[] = [];
      for (let round = 0; round < 10; round++) {
        const batch = keyedMessages(60, 12, round * 60);
        await a.publish(t, batch);
        published.push(...batch);
        if (round === 3) {
          second = recordingConsumer(b, {
            groupId,
            topic: t,
            maxBatchSize: 20,
            seen: deliveries,
            onBatch: async (batch) => void (handledBySecond += batch.length),
          });
        }
        if (round === 7) await first.consumer.stop();
        await sleep(150);
      }
      await waitFor(() => new Set(deliveries.map(text)).size >= 600, 60_000, 'all after rebalance');
      await second?.consumer.stop();
      expect(orderProblems(deliveries, published)).toEqual([]);
      expect(handledBySecond).toBeGreaterThan(0); // the joining member took over partitions
    }, 90_000);

    it('given a new group starting at latest, then it sees only what is published after it joined', async () => {
      const bus = await connect();
      const t = await topic(2);
      await bus.publish(t, keyedMessages(10, 2));
      const { consumer, seen } = recordingConsumer(bus, { groupId: uniqueName('g'), topic: t, startFrom: 'latest' });
      await consumer.ready;
      await sleep(500);
      const later = keyedMessages(10, 2, 10);
      await bus.publish(t, later);
      await waitFor(() => seen.length >= 10, 30_000, 'new messages');
      await sleep(200);
      await consumer.stop();
      expect(seen.map(text).sort()).toEqual(later.map((m) => m.value.toString()).sort());
    });

    it('given a group that consumed part of a topic, then lag reports what each partition still holds for it', async () => {
      const bus = await connect();
      const t = await topic(2);
      const groupId = uniqueName('g');
      await bus.publish(t, keyedMessages(30, 6));
      // Given no commit yet: every message is behind
      const before = await bus.lag(groupId, t);
      expect(before.map((p) => p.partition)).toEqual([0, 1]);
      expect(before.every((p) => p.committed === null)).toBe(true);
      expect(before.reduce((sum, p) => sum + p.behind, 0n)).toBe(30n);
      // When the group handles everything and stops (committing it)
      const { consumer, seen } = recordingConsumer(bus, { groupId, topic: t });
      await waitFor(() => seen.length >= 30, 30_000, 'all messages');
      await consumer.stop();
      // and 5 more arrive
      await bus.publish(t, keyedMessages(5, 6, 30));
      // Then it is behind by exactly those, and committed up to where each partition was
      const after = await bus.lag(groupId, t);
      expect(after.reduce((sum, p) => sum + p.behind, 0n)).toBe(5n);
      expect(after.reduce((sum, p) => sum + (p.committed ?? 0n), 0n)).toBe(30n);
      for (const p of after) expect(p.end - (p.committed ?? 0n)).toBe(p.behind);
      await expect(bus.lag(groupId, uniqueName('missing'))).rejects.toMatchObject({ code: 'unknown_topic' });
    });

    it('given a paused member, then it receives nothing until resumed, and then everything', async () => {
      const bus = await connect();
      const t = await topic(2);
      const { consumer, seen } = recordingConsumer(bus, { groupId: uniqueName('g'), topic: t });
      await consumer.ready;
      consumer.pause();
      await sleep(300);
      await bus.publish(t, keyedMessages(40, 4));
      await sleep(1_000);
      expect(seen).toHaveLength(0);
      consumer.resume();
      await waitFor(() => seen.length >= 40, 30_000, 'after resume');
      await consumer.stop();
      expect(seen).toHaveLength(40);
    });
  });
}
