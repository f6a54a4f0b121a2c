import { createDecipheriv, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgSql, type Sql } from '@c360/sql';
import {
  describePostgres,
  pgliteTestDatabase,
  postgresTestDatabase,
  postgresUrl,
  type TestDatabase,
} from '@c360/testing';
import { customerKeyLabel, platformKeyLabel, unwrapKey } from './crypto';
import { migrateKeyring, openKeyring, type Keyring } from './index';

/** A test database and a way to open a second session on it, as another process would. */
interface KeyringDatabase extends TestDatabase {
  connect(): Promise<Sql>;
}

const customers = (count: number, prefix = 'cus'): string[] =>
  Array.from({ length: count }, (_, i) => `${prefix}_${String(i).padStart(4, '0')}`);

/** Decrypts `v1.<keyId>.<payload>` with a raw key, independently of the keyring's code. */
function decryptWithRawKey(key: Buffer, ciphertext: string): string {
  const [version, keyId, body] = ciphertext.split('.') as [string, string, string];
  const sealed = Buffer.from(body, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
  decipher.setAAD(Buffer.from(`${version}.${keyId}`));
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  return Buffer.concat([decipher.update(sealed.subarray(12, sealed.length - 16)), decipher.final()]).toString();
}

function keyringSuite(name: string, open: () => Promise<KeyringDatabase>): void {
  describe(`keyring: ${name}`, () => {
    // One database per suite (each test uses its own customer ids), opened with one master key.
    let db: KeyringDatabase;
    let keyring: Keyring;
    const masterKey = randomBytes(32);
    beforeAll(async () => {
      db = await open();
      await migrateKeyring(db.sql);
      keyring = await openKeyring({ sql: db.sql, masterKey });
    });
    afterAll(() => db.dispose());

    it('given texts of every kind, when encrypted and decrypted, then the same text comes back', async () => {
      const texts = ['', 'ada@example.com', 'Zoë Ångström 李小龍 🚀 +49 30 1234567', 'é'.repeat(50_000)];
      expect(Buffer.byteLength(texts[3]!)).toBe(100_000);
      for (const text of texts) {
        const ciphertext = await keyring.encrypt('rt_1', text);
        expect(ciphertext).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
        expect(await keyring.decrypt('rt_1', ciphertext)).toBe(text);
      }
      const [a, b] = [await keyring.encrypt('rt_1', 'same'), await keyring.encrypt('rt_1', 'same')];
      expect(a).not.toBe(b);
      expect(a.split('.')[1]).toBe(b.split('.')[1]);
      expect(await keyring.decrypt('rt_1', b)).toBe('same');
    });

    it('given two keyrings on one database, then an identifier hashes the same in both and differs by type', async () => {
      const second = await openKeyring({ sql: db.sql, masterKey });
      const hash = keyring.identifierHash('email', 'ada@example.com');
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      expect(second.identifierHash('email', 'ada@example.com')).toBe(hash);
      expect(keyring.identifierHash('phone', 'ada@example.com')).not.toBe(hash);
      expect(keyring.identifierHash('email', 'bob@example.com')).not.toBe(hash);
      expect(() => keyring.identifierHash('email:x', 'y')).toThrow(
        expect.objectContaining({ code: 'validation_failed' }),
      );
      expect(() => keyring.identifierHash('', 'y')).toThrow(expect.objectContaining({ code: 'validation_failed' }));

      const other = await open();
      try {
        await migrateKeyring(other.sql);
        const elsewhere = await openKeyring({ sql: other.sql, masterKey: randomBytes(32) });
        expect(elsewhere.identifierHash('email', 'ada@example.com')).toMatch(/^[0-9a-f]{64}$/);
        expect(elsewhere.identifierHash('email', 'ada@example.com')).not.toBe(hash);
      } finally {
        await other.dispose();
      }
    });

    it('given two keyrings racing to ensure keys for the same 200 customers, then each customer has one key both use', async () => {
      const otherSql = await db.connect();
      try {
        const [left, right] = await Promise.all([
          openKeyring({ sql: db.sql, masterKey }),
          openKeyring({ sql: otherSql, masterKey }),
        ]);
        const ids = customers(200, 'race');
        await Promise.all([left.ensureKeys(ids), right.ensureKeys([...ids].reverse())]);
        const { rows } = await db.sql.query<{ n: bigint; distinct_customers: bigint }>(
          `SELECT count(*) AS n, count(DISTINCT customer_id) AS distinct_customers
             FROM keyring_keys WHERE customer_id LIKE 'race\\_%'`,
        );
        expect(rows[0]).toEqual({ n: 200n, distinct_customers: 200n });
        const fromLeft = await Promise.all(ids.map((id) => left.encrypt(id, `left ${id}`)));
        const fromRight = await Promise.all(ids.map((id) => right.encrypt(id, `right ${id}`)));
        for (const [i, id] of ids.entries()) {
          expect(await right.decrypt(id, fromLeft[i]!)).toBe(`left ${id}`);
          expect(await left.decrypt(id, fromRight[i]!)).toBe(`right ${id}`);
        }
      } finally {
        if (otherSql !== db.sql) await otherSql.close();
      }
    });

    it('given keys first created by concurrent encrypts, then one key per customer and all ciphertexts decrypt', async () => {
      const otherSql = await db.connect();
      try {
        const left = await openKeyring({ sql: db.sql, masterKey });
        const right = await openKeyring({ sql: otherSql, masterKey, cacheSize: 0 });
        const ids = customers(50, 'enc');
        const written = await Promise.all(
          ids.map((id) => Promise.all([left.encrypt(id, id), right.encrypt(id, id), left.encrypt(id, id)])),
        );
        const { rows } = await db.sql.query<{ n: bigint }>(
          `SELECT count(*) AS n FROM keyring_keys WHERE customer_id LIKE 'enc\\_%'`,
        );
        expect(rows[0]?.n).toBe(50n);
        for (const [i, id] of ids.entries()) {
          for (const ciphertext of written[i]!) expect(await right.decrypt(id, ciphertext)).toBe(id);
        }
      } finally {
        if (otherSql !== db.sql) await otherSql.close();
      }
    });

    it('given an erased customer, then their values decrypt to null, nothing can be encrypted for them, others are unaffected', async () => {
      const ada = await keyring.encrypt('era_ada', 'ada@example.com');
      const bob = await keyring.encrypt('era_bob', 'bob@example.com');
      const elsewhere = await openKeyring({ sql: db.sql, masterKey });
      expect(await elsewhere.decrypt('era_ada', ada)).toBe('ada@example.com');

      await keyring.erase('era_ada');
      await keyring.erase('era_ada');

      expect(await keyring.decrypt('era_ada', ada)).toBeNull();
      await expect(keyring.encrypt('era_ada', 'again')).rejects.toMatchObject({
        name: 'ValidationError',
        code: 'customer_erased',
      });
      await keyring.ensureKeys(['era_ada', 'era_bob']);
      await expect(keyring.encrypt('era_ada', 'again')).rejects.toMatchObject({ code: 'customer_erased' });
      const fresh = await openKeyring({ sql: db.sql, masterKey });
      expect(await fresh.decrypt('era_ada', ada)).toBeNull();
      await expect(fresh.encrypt('era_ada', 'again')).rejects.toMatchObject({ code: 'customer_erased' });
      expect(await keyring.decrypt('era_bob', bob)).toBe('bob@example.com');
      expect(await fresh.decrypt('era_bob', bob)).toBe('bob@example.com');
      expect(await fresh.decrypt('era_bob', await fresh.encrypt('era_bob', 'still here'))).toBe('still here');

      const { rows } = await db.sql.query<{ customer_id: string; wrapped_key: unknown; erased: boolean }>(
        `SELECT customer_id, wrapped_key IS NULL AS wrapped_key, erased_at IS NOT NULL AS erased
           FROM keyring_keys WHERE customer_id LIKE 'era\\_%' ORDER BY customer_id`,
      );
      expect(rows).toEqual([
        { customer_id: 'era_ada', wrapped_key: true, erased: true },
        { customer_id: 'era_bob', wrapped_key: false, erased: false },
      ]);
    });

    it('given a customer erased before any key existed, then no key is ever created for them', async () => {
      await keyring.erase('never_1');
      await expect(keyring.encrypt('never_1', 'x')).rejects.toMatchObject({ code: 'customer_erased' });
      const fresh = await openKeyring({ sql: db.sql, masterKey });
      await fresh.ensureKeys(['never_1']);
      await expect(fresh.encrypt('never_1', 'x')).rejects.toMatchObject({ code: 'customer_erased' });
    });

    it('given a tampered, truncated, foreign or garbage ciphertext, then decrypt throws ciphertext_invalid', async () => {
      const ciphertext = await keyring.encrypt('tam_1', 'ada@example.com');
      const forOther = await keyring.encrypt('tam_2', 'bob@example.com');
      const [version, keyId, body] = ciphertext.split('.') as [string, string, string];
      const flipped = Buffer.from(body, 'base64url');
      flipped[20] = flipped[20]! ^ 1;
      const otherKeyId = forOther.split('.')[1]!;
      const bad = [
        `${version}.${keyId}.${flipped.toString('base64url')}`,
        `${version}.${keyId}.${body.slice(0, -4)}`,
        `v2.${keyId}.${body}`,
        `${version}.${otherKeyId}.${body}`,
        forOther,
        'not a ciphertext',
        `${version}.${keyId}.${body}.extra`,
        `${version}.${keyId}.${body}==`,
        '',
      ];
      for (const text of bad) {
        await expect(keyring.decrypt('tam_1', text), text).rejects.toMatchObject({
          name: 'ValidationError',
          code: 'ciphertext_invalid',
        });
      }
      await expect(keyring.decrypt('tam_without_key', ciphertext)).rejects.toMatchObject({
        code: 'ciphertext_invalid',
      });
      expect(await keyring.decrypt('tam_1', ciphertext)).toBe('ada@example.com');
    });

    it('given stored keys, then the database holds them only wrapped under the master key', async () => {
      const ciphertext = await keyring.encrypt('wrap_1', 'ada@example.com');
      const { rows } = await db.sql.query<{ key_id: string; wrapped: string }>(
        `SELECT key_id, encode(wrapped_key, 'hex') AS wrapped FROM keyring_keys WHERE customer_id = 'wrap_1'`,
      );
      expect(rows).toHaveLength(1);
      const stored = Buffer.from(rows[0]!.wrapped, 'hex');
      const dataKey = unwrapKey(masterKey, stored, customerKeyLabel('wrap_1', rows[0]!.key_id))!;
      expect(dataKey).toHaveLength(32);
      // The unwrapped bytes are the data key: they decrypt the ciphertext without the keyring.
      expect(decryptWithRawKey(dataKey, ciphertext)).toBe('ada@example.com');
      expect(stored.includes(dataKey)).toBe(false);
      // A wrapped key does not unwrap as another customer's.
      expect(unwrapKey(masterKey, stored, customerKeyLabel('wrap_2', rows[0]!.key_id))).toBeNull();

      const platform = await db.sql.query<{ wrapped: string }>(
        `SELECT encode(wrapped_key, 'hex') AS wrapped FROM keyring_platform_keys`,
      );
      expect(platform.rows).toHaveLength(1);
      const storedHashKey = Buffer.from(platform.rows[0]!.wrapped, 'hex');
      const hashKey = unwrapKey(masterKey, storedHashKey, platformKeyLabel('identifier_hash'))!;
      expect(hashKey).toHaveLength(32);
      expect(storedHashKey.includes(hashKey)).toBe(false);

      const everything = await db.sql.query<{ row: string }>(
        `SELECT row_to_json(k)::text AS row FROM keyring_keys k
         UNION ALL SELECT row_to_json(p)::text FROM keyring_platform_keys p`,
      );
      const dump = everything.rows.map((r) => r.row).join('\n');
      for (const key of [dataKey, hashKey, masterKey]) {
        for (const encoding of ['hex', 'base64', 'base64url'] as const) {
          expect(dump).not.toContain(key.toString(encoding).slice(0, 24));
        }
      }
    });

    it('given a database set up with one master key, when opened with another, then openKeyring fails with master_key_mismatch', async () => {
      const before = await keyring.encrypt('mm_1', 'ada@example.com');
      await expect(openKeyring({ sql: db.sql, masterKey: randomBytes(32) })).rejects.toMatchObject({
        code: 'master_key_mismatch',
        message: expect.stringContaining('C360_MASTER_KEY'),
      });
      await expect(openKeyring({ sql: db.sql, masterKey: masterKey.subarray(0, 16) })).rejects.toMatchObject({
        code: 'validation_failed',
      });
      const again = await openKeyring({ sql: db.sql, masterKey });
      expect(await again.decrypt('mm_1', before)).toBe('ada@example.com');
    });

    it('given a cache smaller than the customers in use, then keys are read back and everything still decrypts', async () => {
      const small = await openKeyring({ sql: db.sql, masterKey, cacheSize: 3 });
      const ids = customers(10, 'lru');
      await small.ensureKeys(ids);
      const written = await Promise.all(ids.map((id) => small.encrypt(id, `value of ${id}`)));
      for (const [i, id] of ids.entries()) expect(await small.decrypt(id, written[i]!)).toBe(`value of ${id}`);
      await small.erase(ids[0]!);
      expect(await small.decrypt(ids[0]!, written[0]!)).toBeNull();
      expect(await small.decrypt(ids[1]!, written[1]!)).toBe(`value of ${ids[1]}`);
    });
  });
}

const pglite = async (): Promise<KeyringDatabase> => {
  const db = await pgliteTestDatabase();
  // PGlite is one in-process connection: a second session is the same one.
  return { ...db, connect: async () => db.sql };
};

keyringSuite('PGlite', pglite);

await describePostgres('keyring on a PostgreSQL server', () => {
  keyringSuite('PostgreSQL', async () => {
    const db = await postgresTestDatabase();
    const schema = (await db.sql.query<{ s: string }>('SELECT current_schema() AS s')).rows[0]!.s;
    // A separate pool is a separate set of sessions, as another process would have.
    return { ...db, connect: () => createPgSql({ connectionString: postgresUrl(), schema, max: 6 }) };
  });

  it('given a fresh database opened by several processes at once, then they agree on one identifier-hash key', async () => {
    const db = await postgresTestDatabase();
    const pools: Sql[] = [];
    try {
      await migrateKeyring(db.sql);
      const schema = (await db.sql.query<{ s: string }>('SELECT current_schema() AS s')).rows[0]!.s;
      for (let i = 0; i < 4; i++) pools.push(await createPgSql({ connectionString: postgresUrl(), schema, max: 1 }));
      const masterKey = randomBytes(32);
      const keyrings = await Promise.all(pools.map((sql) => openKeyring({ sql, masterKey })));
      const hashes = new Set(keyrings.map((k) => k.identifierHash('email', 'ada@example.com')));
      expect(hashes.size).toBe(1);
      const { rows } = await db.sql.query<{ n: bigint }>('SELECT count(*) AS n FROM keyring_platform_keys');
      expect(rows[0]?.n).toBe(1n);
    } finally {
      await Promise.all(pools.map((sql) => sql.close()));
      await db.dispose();
    }
  });
});
