import { randomUUID } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { backoffDelay } from '@c360/errors';
import type { ConsumeOptions, Consumer, IncomingMessage } from '@c360/bus';
import type { Sql } from '@c360/sql';
import { commitOffsets, committedOffsets, heartbeat, leave, type GroupKey } from './group';

export interface GroupTimings {
  /** How often a member heartbeats and rebalances (default 1000 ms). */
  heartbeatIntervalMs: number;
  /** A member silent this long is gone and its partitions move (default 10000 ms). */
  sessionTimeoutMs: number;
  /** Pause between empty fetches when no in-process publish wakes the consumer (default 50 ms). */
  pollIntervalMs: number;
  /** First back-off after a handler error; doubles up to 30 s, with jitter. */
  retryBackoffMs: number;
}

interface Row {
  partition: number;
  offset: bigint;
  key: string;
  value: Buffer;
  headers: Record<string, string>;
  /** created_at as epoch milliseconds: parsing timestamptz text costs more than the rest of the row. */
  created_ms: number;
}

/**
 * A consumer-group member of the embedded log: heartbeats on a timer, fetches from
 * the partitions it holds leases on, hands each partition's batch to the handler,
 * and once every batch of the fetch was handled, commits those whose handler
 * resolved, in one statement. Between fetches it yields to the event loop, so its
 * heartbeat timer runs even when every query resolves without I/O (PGlite) and
 * the log holds a backlog.
 */
export function startConsumer(
  sql: Sql,
  deps: {
    partitionCount: (topic: string) => Promise<number>;
    onWake: (wake: () => void) => () => void;
    timings: GroupTimings;
  },
  options: ConsumeOptions,
): Consumer & { abort(): void } {
  const key: GroupKey = { groupId: options.groupId, topic: options.topic, memberId: `${randomUUID()}` };
  const { timings } = deps;
  const maxBatch = options.maxBatchSize ?? 500;
  const positions = new Map<number, bigint>(); // next offset to fetch, per held partition
  const busy = new Set<number>();
  let held: number[] = [];
  let paused = false;
  let stopping = false;
  let aborted = false;
  let failures = 0;
  let wakeUp: (() => void) | undefined;
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const unregister = deps.onWake(() => wakeUp?.());

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(finish, ms);
      function finish(): void {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = finish;
    });

  const rebalance = async (): Promise<void> => {
    const partitions = await deps.partitionCount(options.topic);
    const leased = await heartbeat(sql, key, { partitions, sessionTimeoutMs: timings.sessionTimeoutMs, keep: busy });
    const gained = leased.filter((p) => !positions.has(p));
    for (const p of [...positions.keys()]) if (!leased.includes(p)) positions.delete(p);
    if (gained.length > 0) {
      const committed = await committedOffsets(sql, options.groupId, options.topic);
      const ends = options.startFrom === 'latest' ? await partitionEnds(sql, options.topic) : new Map<number, bigint>();
      for (const p of gained) positions.set(p, committed.get(p) ?? ends.get(p) ?? 0n);
    }
    held = leased;
  };

  const fetch = async (): Promise<Map<number, IncomingMessage[]>> => {
    const partitions = held.filter((p) => positions.has(p));
    // No ORDER BY over the whole result: the LATERAL join can only run as a nested
    // loop, which yields each partition's rows in offset order; sorting thousands of
    // wide rows would spill to disk. The loop below still checks the order.
    const { rows } = await sql.query<Row>(
      `SELECT m.partition, m."offset", m.key, m.value, m.headers,
              (extract(epoch FROM m.created_at) * 1000)::float8 AS created_ms
         FROM unnest($2::int[], $3::bigint[]) AS f(partition, from_offset)
         CROSS JOIN LATERAL (
           SELECT partition, "offset", key, value, headers, created_at FROM bus_messages
            WHERE topic = $1 AND partition = f.partition AND "offset" >= f.from_offset
            ORDER BY "offset" LIMIT $4) m`,
      [options.topic, partitions, partitions.map((p) => String(positions.get(p))), maxBatch],
    );
    const batches = new Map<number, IncomingMessage[]>();
    let ordered = true;
    for (const row of rows) {
      let batch = batches.get(row.partition);
      if (batch === undefined) batches.set(row.partition, (batch = []));
      else if (batch[batch.length - 1]!.offset >= row.offset) ordered = false;
      batch.push({
        topic: options.topic,
        partition: row.partition,
        offset: row.offset,
        key: row.key,
        value: row.value,
        headers: row.headers,
        timestamp: new Date(row.created_ms),
      });
    }
    if (!ordered) for (const batch of batches.values()) batch.sort((a, b) => (a.offset < b.offset ? -1 : 1));
    return batches;
  };

  /** Runs the handler on one partition's batch; resolves whether it succeeded. */
  const handle = async (batch: IncomingMessage[]): Promise<boolean> => {
    try {
      await options.handler(batch);
    } catch (error) {
      options.onHandlerError?.(error, batch);
      failures++;
      await sleep(backoffDelay(failures, { initialMs: timings.retryBackoffMs }));
      return false; // position unchanged: the same batch is fetched again
    }
    failures = 0;
    return true;
  };

  /** Hands each batch to the handler, then commits the handled ones together. */
  const handleAll = async (batches: Map<number, IncomingMessage[]>): Promise<void> => {
    const handled = new Map<number, bigint>();
    try {
      for (const [partition, batch] of batches) {
        if (stopping || aborted || paused) break;
        if (!positions.has(partition)) continue;
        busy.add(partition); // a partition stays leased from its handler's start to its commit
        if (await handle(batch)) handled.set(partition, batch[batch.length - 1]!.offset + 1n);
        else busy.delete(partition);
      }
      if (aborted || handled.size === 0) return;
      const committed = await commitOffsets(sql, key, handled, timings);
      for (const [partition, next] of handled) {
        if (committed.has(partition)) positions.set(partition, next);
        else positions.delete(partition); // lease lost: the new owner redelivers from the committed offset
      }
    } finally {
      for (const partition of handled.keys()) busy.delete(partition);
    }
  };

  let beating: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    beating = beating.then(rebalance).catch(() => undefined);
  }, timings.heartbeatIntervalMs);

  const run = async (): Promise<void> => {
    try {
      await rebalance();
      markReady();
      while (!stopping && !aborted) {
        if (paused || held.length === 0) {
          await sleep(timings.pollIntervalMs);
          continue;
        }
        const batches = await fetch();
        if (batches.size === 0) {
          await sleep(timings.pollIntervalMs);
          continue;
        }
        await handleAll(batches);
        await nextTurn();
      }
    } finally {
      clearInterval(timer);
      unregister();
      markReady();
    }
    await beating;
    if (!aborted) await leave(sql, key);
  };

  const done = run();
  done.catch(() => undefined);
  return {
    ready,
    done,
    pause: () => {
      paused = true;
    },
    resume: () => {
      paused = false;
      wakeUp?.();
    },
    async stop() {
      stopping = true;
      wakeUp?.();
      await done;
    },
    /** Crash-like stop: commits nothing more, leaves the group row to expire. */
    abort() {
      aborted = true;
      clearInterval(timer);
      wakeUp?.();
    },
  };
}

async function partitionEnds(sql: Sql, topic: string): Promise<Map<number, bigint>> {
  const { rows } = await sql.query<{ partition: number; next_offset: bigint }>(
    'SELECT partition, next_offset FROM bus_partitions WHERE topic = $1',
    [topic],
  );
  return new Map(rows.map((r) => [r.partition, r.next_offset]));
}
