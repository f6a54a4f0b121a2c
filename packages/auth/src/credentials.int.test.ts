import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
