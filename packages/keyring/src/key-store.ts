import type { SqlExecutor } from '@c360/sql';

/**
 * The keyring's SQL. Keys cross the boundary as hex (`encode`/`decode`), which both
 * drivers pass the same way; in the tables they are `bytea`, always wrapped.
 */

export interface StoredKey {
  customerId: string;
  keyId: string;
  /** `null` once the customer was erased. */
  wrapped: Buffer | null;
}

interface KeyRow {
  customer_id: string;
  key_id: string;
  wrapped_key: string | null;
}

export async function selectKeys(sql: SqlExecutor, customerIds: readonly string[]): Promise<StoredKey[]> {
  const { rows } = await sql.query<KeyRow>(
    `SELECT customer_id, key_id, encode(wrapped_key, 'hex') AS wrapped_key
       FROM keyring_keys WHERE customer_id = ANY($1::text[])`,
    [customerIds],
  );
  return rows.map((row) => ({
    customerId: row.customer_id,
    keyId: row.key_id,
    wrapped: row.wrapped_key === null ? null : Buffer.from(row.wrapped_key, 'hex'),
  }));
}

/**
 * Inserts the keys of customers that have none; a customer that has a row (a key or
 * a tombstone, possibly written a moment ago by another process) keeps it. Rows go in
 * customer order, so two processes inserting overlapping batches cannot deadlock.
 * Returns the customers whose key this call inserted.
 */
export async function insertKeys(
  sql: SqlExecutor,
  keys: readonly { customerId: string; keyId: string; wrapped: Buffer }[],
): Promise<Set<string>> {
  const { rows } = await sql.query<{ customer_id: string }>(
    `INSERT INTO keyring_keys (customer_id, key_id, wrapped_key)
     SELECT c, k, decode(w, 'hex') FROM unnest($1::text[], $2::text[], $3::text[]) AS t(c, k, w) ORDER BY c
     ON CONFLICT (customer_id) DO NOTHING
     RETURNING customer_id`,
    [keys.map((k) => k.customerId), keys.map((k) => k.keyId), keys.map((k) => k.wrapped.toString('hex'))],
  );
  return new Set(rows.map((row) => row.customer_id));
}

/** Deletes the customer's key and leaves a tombstone (one even when no key existed); idempotent. */
export async function eraseKey(sql: SqlExecutor, customerId: string, tombstoneKeyId: string): Promise<void> {
  await sql.query(
    `INSERT INTO keyring_keys (customer_id, key_id, wrapped_key, erased_at) VALUES ($1, $2, NULL, now())
     ON CONFLICT (customer_id) DO UPDATE
       SET wrapped_key = NULL, erased_at = COALESCE(keyring_keys.erased_at, EXCLUDED.erased_at)`,
    [customerId, tombstoneKeyId],
  );
}

/** The platform key `name`, created from `candidate` when missing; every process gets the first one written. */
export async function platformKey(sql: SqlExecutor, name: string, candidate: Buffer): Promise<Buffer> {
  await sql.query(
    `INSERT INTO keyring_platform_keys (name, wrapped_key) VALUES ($1, decode($2, 'hex'))
     ON CONFLICT (name) DO NOTHING`,
    [name, candidate.toString('hex')],
  );
  const { rows } = await sql.query<{ wrapped_key: string }>(
    `SELECT encode(wrapped_key, 'hex') AS wrapped_key FROM keyring_platform_keys WHERE name = $1`,
    [name],
  );
  return Buffer.from(rows[0]!.wrapped_key, 'hex');
}
