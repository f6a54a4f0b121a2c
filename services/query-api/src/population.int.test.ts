import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateReadModels } from '@c360/read-models';
import { pgliteTestDatabase, type TestDatabase } from '@c360/testing';
import { populationCache } from './population';

describe('population thresholds cache', () => {
  let db: TestDatabase;
  let now = new Date('2026-06-01T00:00:00Z');
  beforeAll(async () => {
    db = await pgliteTestDatabase();
    await migrateReadModels(db.sql);
    for (let i = 1; i <= 10; i += 1) {
      await db.sql.query(
        `INSERT INTO rm_profiles (customer_id, status, created_at, lifetime_value, computed)
         VALUES ($1, 'live', now(), $2, $3)`,
        [`c-${i}`, i * 1_000, JSON.stringify({ orders: i, lastPurchaseAt: '2026-05-20T00:00:00Z' })],
      );
    }
    await db.sql.query(
      `INSERT INTO rm_profiles (customer_id, status, created_at, lifetime_value, computed) VALUES ('prospect', 'live', now(), 0, '{"orders":0}')`,
    );
  });
  afterAll(() => db.dispose());

  it('given ten buyers and a prospect, then the tier cut-offs come from the buyers and are reused until they go stale', async () => {
    const cache = populationCache(db.sql, { now: () => now, ttlMs: 60_000 });

    const first = await cache.current();
    expect(first.lifetimeValue.length).toBeGreaterThan(0);
    expect(first.lifetimeValue[0]).toBe(9_000); // the top 20 % of ten buyers: the best two

    await db.sql.query(`UPDATE rm_profiles SET lifetime_value = lifetime_value * 10`);
    expect(await cache.current()).toBe(first);
    now = new Date(now.getTime() + 61_000);
    await cache.current(); // stale: served once more while refreshing
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await cache.current()).lifetimeValue[0]).toBe(90_000);
  });
});
