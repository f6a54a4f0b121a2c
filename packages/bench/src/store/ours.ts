/** Our event store (`@c360/event-store-postgres`) under the benchmark load. */
import type { PostgresEventStore } from '@c360/event-store-postgres';
import { runLanes, sleep, throughput, timed, type Throughput } from '../measure';
import { lanesOf, type Workload } from './workload';

/** Every append of the workload through `appendToStream` (expected revision `any`), one writer per lane. */
export async function appendWorkload(
  store: PostgresEventStore,
  workload: Workload,
  writers: number,
): Promise<Throughput> {
  const run = await timed(() =>
    runLanes(lanesOf(workload.appends, writers), async (append) => {
      await store.appendToStream(append.streamId, append.events);
    }),
  );
  return throughput(workload.events, run);
}

/** Pages through `readAll` (batches of `batchSize`) from the start until `expected` events were read. */
export async function readAllThrough(
  store: PostgresEventStore,
  expected: number,
  batchSize: number,
): Promise<Throughput> {
  const run = await timed(async () => {
    let after = 0n;
    let seen = 0;
    const deadline = Date.now() + 120_000;
    while (seen < expected) {
      const events = await store.readAll({ after, limit: batchSize });
      const last = events[events.length - 1];
      if (!last) {
        // Held back by an open transaction somewhere on the server (positions are xid-ordered).
        if (Date.now() > deadline) throw new Error(`read-all stalled at ${seen} of ${expected} events`);
        await sleep(5);
        continue;
      }
      seen += events.length;
      after = last.globalPosition;
    }
    return seen;
  });
  return throughput(run.result, run);
}

/** A `subscribeToAll` from the start (batches of `batchSize`) until it has handed over `expected` events. */
export async function subscribeThrough(
  store: PostgresEventStore,
  expected: number,
  batchSize: number,
): Promise<Throughput> {
  const run = await timed(async () => {
    let seen = 0;
    let reached!: () => void;
    const all = new Promise<void>((resolve) => (reached = resolve));
    const subscription = store.subscribeToAll({
      batchSize,
      handler: async (events) => {
        seen += events.length;
        if (seen >= expected) reached();
      },
    });
    const timeout = setTimeout(() => reached(), 120_000);
    try {
      await Promise.race([all, subscription.done]);
    } finally {
      clearTimeout(timeout);
      await subscription.stop();
    }
    if (seen < expected) throw new Error(`subscription stalled at ${seen} of ${expected} events`);
    return seen;
  });
  return throughput(run.result, run);
}
