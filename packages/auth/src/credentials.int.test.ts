import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sql } from '@c360/sql';
import { pgliteTestDatabase, type TestDatabase } from '@c360/testing';
import { apiTokenStore, migrateAuth, sourceKeyStore } from './index';

describe('credentials', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await pgliteTestDatabase();
    await migrateAuth(db.sql);
  });
  afterAll(() => db.dispose());

  it('given a new source key, then it verifies, is stored only hashed, and stops verifying once revoked', async () => {
    const keys = sourceKeyStore(db.sql);
    const { key, writeKey } = await keys.create({ name: 'Web shop', channel: 'web' });
    expect(writeKey).toMatch(/^wk_[A-Za-z0-9_-]{32}$/);
    expect(await keys.verify(writeKey)).toMatchObject({ id: key.id, channel: 'web', name: 'Web shop' });
    const { rows } = await db.sql.query<{ secret_hash: string }>('SELECT secret_hash FROM source_keys');
    expect(JSON.stringify(rows)).not.toContain(writeKey);
    await keys.revoke(key.id);
    expect(await keys.verify(writeKey)).toBeNull();
    await expect(keys.revoke(key.id)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('given unknown or empty secrets, then verification answers null', async () => {
    expect(await sourceKeyStore(db.sql).verify('wk_unknown')).toBeNull();
    expect(await apiTokenStore(db.sql).verify('')).toBeNull();
  });

  it('given a bootstrap token given twice, then one token exists with its role', async () => {
    const tokens = apiTokenStore(db.sql);
    const secret = 'bootstrap-admin-token-0123456789';
    const first = await tokens.create({ name: 'bootstrap', role: 'admin', token: secret });
    const again = await tokens.create({ name: 'bootstrap', role: 'admin', token: secret });
    expect(again.token.id).toBe(first.token.id);
    expect(await tokens.verify(secret)).toMatchObject({ role: 'admin' });
    await expect(tokens.create({ name: 'weak', role: 'admin', token: 'short' })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(tokens.create({ name: 'x', role: 'root' as 'admin' })).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });
});

describe('verified write keys are cached briefly', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await pgliteTestDatabase();
    await migrateAuth(db.sql);
  });
  afterAll(() => db.dispose());

  /** The SQL port, counting the lookups of source keys by hash. */
  const counting = (sql: Sql) => {
    const counter = { lookups: 0, sql };
    counter.sql = {
      ...sql,
      query: (text, params) => {
        if (/FROM source_keys WHERE secret_hash/.test(text)) counter.lookups++;
        return sql.query(text, params);
      },
    };
    return counter;
  };

  it('given a verified write key, when verified again within the TTL, then the database is not asked until the TTL has passed', async () => {
    let now = 1_000_000;
    const port = counting(db.sql);
    const keys = sourceKeyStore(port.sql, { verifiedTtlMs: 10_000, now: () => now });
    const { key, writeKey } = await keys.create({ name: 'Shop', channel: 'web' });

    expect(await keys.verify(writeKey)).toMatchObject({ id: key.id });
    now += 9_999;
    expect(await keys.verify(writeKey)).toMatchObject({ id: key.id });
    expect(port.lookups).toBe(1);
    now += 1;
    expect(await keys.verify(writeKey)).toMatchObject({ id: key.id });
    expect(port.lookups).toBe(2);
  });

  it('given a cached write key, when revoked through any store in this process, then it stops verifying at once', async () => {
    const checking = sourceKeyStore(db.sql);
    const admin = sourceKeyStore(db.sql);
    const { key, writeKey } = await admin.create({ name: 'Till', channel: 'pos' });
    expect(await checking.verify(writeKey)).toMatchObject({ id: key.id });

    await admin.revoke(key.id);

    expect(await checking.verify(writeKey)).toBeNull();
  });

  it('given a cached write key, when another process revokes it, then it stops verifying within the TTL', async () => {
    let now = 5_000_000;
    const keys = sourceKeyStore(db.sql, { verifiedTtlMs: 10_000, now: () => now });
    const { key, writeKey } = await keys.create({ name: 'Mailer', channel: 'email' });
    expect(await keys.verify(writeKey)).not.toBeNull();

    await db.sql.query('UPDATE source_keys SET revoked_at = now() WHERE id = $1', [key.id]);

    expect(await keys.verify(writeKey)).not.toBeNull(); // still trusted: the TTL has not passed
    now += 10_000;
    expect(await keys.verify(writeKey)).toBeNull();
  });

  it('given an unknown write key, then every verification asks the database', async () => {
    const port = counting(db.sql);
    const keys = sourceKeyStore(port.sql);
    expect(await keys.verify('wk_unknown')).toBeNull();
    expect(await keys.verify('wk_unknown')).toBeNull();
    expect(port.lookups).toBe(2);
  });
});
