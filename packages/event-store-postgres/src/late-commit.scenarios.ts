import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedEvent } from '@c360/event-store';
import { key, lastPosition, newEvents, readAllFrom, sleep, uniqueStream } from '@c360/event-store/testing';
import type { Sql } from '@c360/sql';
import type { PostgresEventStore } from './store';

interface Target {
  store: PostgresEventStore;
  sql: Sql;
  dispose(): Promise<void>;
}

/** Opens a transaction, appends in it, and holds it open until `commit()` is called. */
function holdOpenAppend(
  target: Target,
  stream: string,
): { appended: Promise<void>; commit: () => void; committed: Promise<void> } {
  let commit!: () => void;
  let appended!: () => void;
  const gate = new Promise<void>((resolve) => (commit = resolve));
  const appendedPromise = new Promise<void>((resolve) => (appended = resolve));
  const committed = target.sql.transaction(async (tx) => {
    await target.store.appendIn(tx, stream, newEvents(1, { type: 'LateEvent' }));
    appended();
    await gate;
  });
  return { appended: appendedPromise, commit, committed };
}

/**
 * The classic way to lose events: a transaction takes its position, another commits
 * a later one, a subscriber moves past both, and then the first commits. Run on a
 * real server, which has concurrent connections (PGlite has one).
 */
export function lateCommitScenarios(connect: () => Promise<Target>): void {
  describe('late commits', () => {
    let target: Target;
    beforeAll(async () => {
      target = await connect();
    });
    afterAll(async () => {
      await target?.store.close();
      await target?.dispose();
    });

    it('given a transaction that appends first and commits last, then a naive position reader skips its event — the hazard is real', async () => {
      const start = await lastPosition(target.store);
      await target.sql.exec(`CREATE TABLE naive_log (position bigserial PRIMARY KEY, name text NOT NULL)`);
      let commitLate!: () => void;
      const gate = new Promise<void>((resolve) => (commitLate = resolve));
      let inserted!: () => void;
      const insertedEarly = new Promise<void>((resolve) => (inserted = resolve));
      const late = target.sql.transaction(async (tx) => {
        await tx.query(`INSERT INTO naive_log (name) VALUES ('late')`);
        inserted();
        await gate;
      });
      await insertedEarly;
      await target.sql.query(`INSERT INTO naive_log (name) VALUES ('early')`);
      const naiveRead = async (after: bigint) =>
        (
          await target.sql.query<{ position: bigint; name: string }>(
            'SELECT position, name FROM naive_log WHERE position > $1 ORDER BY position',
            [String(after)],
          )
        ).rows;
      const first = await naiveRead(0n);
      const checkpoint = first[first.length - 1]!.position;
      commitLate();
      await late;
      const second = await naiveRead(checkpoint);
      expect([...first, ...second].map((r) => r.name)).toEqual(['early']); // 'late' is lost to this reader
      expect(start).toBeGreaterThanOrEqual(0n);
    });

    it('given the same interleaving on the event store, then the subscriber sees the late event, in read-all order', async () => {
      const start = await lastPosition(target.store);
      const seen: RecordedEvent[] = [];
      const subscription = target.store.subscribeToAll({
        after: start,
        handler: async (events) => void seen.push(...events),
      });
      const late = holdOpenAppend(target, uniqueStream('late'));
      await late.appended;
      await target.store.appendToStream(uniqueStream('early'), newEvents(1, { type: 'EarlyEvent' }));
      await sleep(300); // the subscriber polls several times while the late transaction is open
      expect(seen.map((e) => e.type)).toEqual([]); // held back: an older transaction is still open
      late.commit();
      await late.committed;
      const deadline = Date.now() + 10_000;
      while (seen.length < 2 && Date.now() < deadline) await sleep(10);
      await subscription.stop();
      expect(seen.map((e) => e.type)).toEqual(['LateEvent', 'EarlyEvent']);
      expect(seen.map(key)).toEqual((await readAllFrom(target.store, start)).map(key));
    });

    it('given 8 writers whose transactions commit after random delays, then the subscriber sees exactly the final read-all sequence', async () => {
      const start = await lastPosition(target.store);
      const seen: RecordedEvent[] = [];
      const subscription = target.store.subscribeToAll({
        after: start,
        handler: async (events) => void seen.push(...events),
      });
      const until = Date.now() + 3_000;
      const writer = async (w: number): Promise<number> => {
        let n = 0;
        for (let i = 0; Date.now() < until; i++) {
          await target.sql.transaction(async (tx) => {
            await target.store.appendIn(tx, uniqueStream(`w${w}`), newEvents(2));
            await sleep((w * 7 + i * 13) % 20);
          });
          n += 2;
        }
        return n;
      };
      const total = (await Promise.all(Array.from({ length: 8 }, (_, w) => writer(w)))).reduce((a, b) => a + b, 0);
      const deadline = Date.now() + 20_000;
      while (seen.length < total && Date.now() < deadline) await sleep(10);
      await sleep(100);
      await subscription.stop();
      const finalRead = await readAllFrom(target.store, start);
      expect(finalRead).toHaveLength(total);
      expect(seen.map(key)).toEqual(finalRead.map(key));
    }, 60_000);
  });
}
