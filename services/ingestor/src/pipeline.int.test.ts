import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getPostgresEventStore, migrateEventStore } from '@c360/event-store-postgres';
import { DEFAULT_IDENTITY_POLICY } from '@c360/identity';
import { migrateKeyring, openKeyring, type Keyring } from '@c360/keyring';
import { pgliteTestDatabase, type TestDatabase } from '@c360/testing';
import type { Touchpoint } from '@c360/touchpoint';
import { ingestBatch, type BatchDependencies, type BatchOutcome, type DecodedTouchpoint } from './batch';
import { IdentityCache } from './identity-cache';
import { ingestInChunks } from './pipeline';
import { population, readOutcome } from './testing';

const decoded = (touchpoints: readonly Touchpoint[]): DecodedTouchpoint[] =>
  touchpoints.map((touchpoint, i) => ({
    message: {
      topic: 'c360.touchpoints',
      partition: 0,
      offset: BigInt(i),
      key: touchpoint.touchpointId,
      value: Buffer.alloc(0),
      headers: {},
      timestamp: new Date(),
    },
    touchpoint,
  }));

/** One chunk per touchpoint; what went the serial way, and why. */
async function inChunksOfOne(touchpoints: readonly Touchpoint[], deps: BatchDependencies) {
  const appended: BatchOutcome[] = [];
  const serial: { reason: unknown; touchpointIds: string[]; outcome: BatchOutcome }[] = [];
  await ingestInChunks(decoded(touchpoints), deps, {
    chunks: touchpoints.length,
    minChunkSize: 1,
    onAppended: (outcome) => appended.push(outcome),
    onFallBack: (reason) => serial.push({ reason, touchpointIds: [], outcome: undefined! }),
    serially: async (rest) => {
      serial.at(-1)!.touchpointIds = rest.map((d) => d.touchpoint.touchpointId);
      serial.at(-1)!.outcome = await ingestBatch(rest, deps);
    },
  });
  return { appended, serial };
}

describe('a bus batch ingested in chunks (embedded store)', () => {
  let db: TestDatabase;
  let keyring: Keyring;
  let store: ReturnType<typeof getPostgresEventStore>;
  /** Dependencies of one ingestor instance, with its own cache. */
  const instance = (): BatchDependencies => ({
    store,
    cache: new IdentityCache(store),
    keys: keyring,
    policy: DEFAULT_IDENTITY_POLICY,
    now: () => new Date(),
  });

  // A database of its own for each scenario: populations of different seeds share their people's identifiers.
  beforeEach(async () => {
    db = await pgliteTestDatabase();
    await migrateEventStore(db.sql);
    await migrateKeyring(db.sql);
    store = getPostgresEventStore(db.sql);
    keyring = await openKeyring({ sql: db.sql, masterKey: randomBytes(32) });
  });
  afterEach(async () => {
    await store.close();
    await db.dispose();
  });

  it('given a person signing up in the first chunk, when the next chunks carry their identifiers, then each chunk builds on the one before without going the serial way', async () => {
    const { touchpoints } = population({ people: 1, touchpoints: 4, seed: 21 });

    const { appended, serial } = await inChunksOfOne(touchpoints, instance());

    expect(serial).toEqual([]);
    expect(appended.map((o) => [o.recorded, o.customersCreated])).toEqual([
      [1, 1],
      [1, 0],
      [1, 0],
      [1, 0],
    ]);
    const outcome = await readOutcome(store);
    expect(touchpoints.map((t) => outcome.recordedCount.get(t.touchpointId))).toEqual([1, 1, 1, 1]);
    expect(new Set(touchpoints.map((t) => outcome.liveCustomerOf.get(t.touchpointId))).size).toBe(1);
  });

  it('given another instance recorded a chunk on a state this one holds stale, when the next chunk was decided on it, then the rest is decided again on fresh state and everything is recorded once', async () => {
    const { touchpoints } = population({ people: 1, touchpoints: 5, seed: 22 });
    const [signUp, onlyA, both, ...onlyB] = touchpoints as [Touchpoint, Touchpoint, Touchpoint, ...Touchpoint[]];
    const a = instance();
    const b = instance();
    await ingestBatch(decoded([signUp]), a);
    expect((await ingestBatch(decoded([signUp]), b)).duplicates).toBe(1); // b now holds the customer too
    await ingestBatch(decoded([onlyA, both]), a); // b's state misses both

    // b's first chunk (`both`) is an idempotent no-op one revision off what b expected: stale.
    const { appended, serial } = await inChunksOfOne([both, ...onlyB], b);

    expect(appended).toEqual([{ recorded: 0, duplicates: 1, merges: 0, conflicts: 0, customersCreated: 0 }]);
    expect(serial.map((s) => [s.reason, s.touchpointIds, s.outcome.recorded])).toEqual([
      ['stale', onlyB.map((t) => t.touchpointId), onlyB.length],
    ]);
    const outcome = await readOutcome(store);
    expect(touchpoints.map((t) => outcome.recordedCount.get(t.touchpointId))).toEqual([1, 1, 1, 1, 1]);
    expect(new Set(touchpoints.map((t) => outcome.liveCustomerOf.get(t.touchpointId))).size).toBe(1);
  });

  it('given a crash after the first chunks were appended, when the whole batch is delivered again to a cold instance, then the appended chunks are duplicates and the rest is recorded once', async () => {
    const { touchpoints } = population({ people: 2, touchpoints: 8, seed: 23 });
    await ingestBatch(decoded(touchpoints.slice(0, 5)), instance()); // the chunks appended before the crash

    const { appended, serial } = await inChunksOfOne(touchpoints, instance());

    expect(serial).toEqual([]);
    expect(appended.map((o) => [o.recorded, o.duplicates])).toEqual([
      ...touchpoints.slice(0, 5).map(() => [0, 1]),
      ...touchpoints.slice(5).map(() => [1, 0]),
    ]);
    const outcome = await readOutcome(store);
    expect(touchpoints.map((t) => outcome.recordedCount.get(t.touchpointId))).toEqual(touchpoints.map(() => 1));
  });
});
