import { createHmac, randomBytes } from 'node:crypto';
import { InfrastructureError, ValidationError } from '@c360/errors';
import type { Sql } from '@c360/sql';
import { decryptValue, encryptValue, invalidCiphertext, parseCiphertext } from './ciphertext';
import { customerKeyLabel, KEY_BYTES, newKey, platformKeyLabel, unwrapKey, wrapKey } from './crypto';
import { eraseKey, insertKeys, platformKey, selectKeys, type StoredKey } from './key-store';
import { Lru } from '@c360/lru';

/**
 * The keys that make personal data erasable. Personal values in events are
 * encrypted per customer; identifiers are only ever stored as keyed hashes. Erasing
 * a customer deletes their data key, after which every copy of their encrypted
 * values (events, replicas, backups of events) is unreadable.
 */
export interface Keyring {
  /**
   * Keyed hash (HMAC-SHA256, 64 hex characters) of `${type}:${value}` under the
   * platform's identifier-hash key: the same in every process sharing the database
   * and master key. The value is hashed as given (normalise it first). A `type` that
   * is empty or contains `:` (which would make hashes ambiguous) is a `ValidationError`.
   */
  identifierHash(type: string, value: string): string;
  /**
   * Encrypts a UTF-8 string under the customer's data key, creating the key on first
   * use (race-safe across processes). Returns `v1.<keyId>.<base64url(iv|ciphertext|tag)>`.
   * An erased customer is a `ValidationError` with code `customer_erased`.
   */
  encrypt(customerId: string, plaintext: string): Promise<string>;
  /**
   * Makes sure every customer has a key (or a tombstone) and caches them: one round
   * trip when all exist, two when some are new (three when another process created
   * some of them at the same moment). Erased customers are not an error here.
   */
  ensureKeys(customerIds: readonly string[]): Promise<void>;
  /**
   * Loads the existing keys of `customerIds` into the cache (one round trip for the
   * missing ones; creates nothing). Call it before a transaction that will decrypt
   * for them: on PGlite the keyring and the transaction share the one connection.
   */
  prefetch(customerIds: readonly string[]): Promise<void>;
  /**
   * The plaintext, or `null` when the customer was erased (crypto-shredded). A
   * malformed or altered ciphertext, or one not written for this customer, is a
   * `ValidationError` with code `ciphertext_invalid`.
   */
  decrypt(customerId: string, ciphertext: string): Promise<string | null>;
  /**
   * Deletes the customer's data key and keeps a tombstone, so it is never created
   * again; idempotent. Evicts the key from this process's cache; another process
   * sharing the database forgets it only when its own cache evicts it.
   */
  erase(customerId: string): Promise<void>;
}

export interface KeyringOptions {
  sql: Sql;
  /** 32 bytes; wraps every key stored in the database (see `loadOrCreateMasterKey`). */
  masterKey: Buffer;
  /** How many customers' clear data keys to keep in memory (default 10,000). */
  cacheSize?: number;
}

type CachedKey = { erased: false; keyId: string; key: Buffer } | { erased: true };

const IDENTIFIER_HASH_KEY = 'identifier_hash';
const DEFAULT_CACHE_SIZE = 10_000;

const newKeyId = (): string => randomBytes(12).toString('base64url');

function requireCustomerId(customerId: string): void {
  if (typeof customerId !== 'string' || customerId.length === 0) {
    throw ValidationError.forPath('customerId', 'must be a non-empty string');
  }
}

/**
 * Opens the keyring on a migrated database (`migrateKeyring`), creating the
 * platform's identifier-hash key on first use. A master key other than the one the
 * database's keys were wrapped with is a `ValidationError` with code `master_key_mismatch`.
 */
export async function openKeyring(options: KeyringOptions): Promise<Keyring> {
  const { sql, masterKey } = options;
  if (!Buffer.isBuffer(masterKey) || masterKey.length !== KEY_BYTES) {
    throw ValidationError.forPath('masterKey', `must be ${KEY_BYTES} bytes`);
  }
  const cacheSize = options.cacheSize ?? DEFAULT_CACHE_SIZE;
  if (!Number.isInteger(cacheSize) || cacheSize < 0) {
    throw ValidationError.forPath('cacheSize', 'must be a non-negative integer');
  }

  const hashLabel = platformKeyLabel(IDENTIFIER_HASH_KEY);
  const wrappedHashKey = await platformKey(sql, IDENTIFIER_HASH_KEY, wrapKey(masterKey, newKey(), hashLabel));
  const hashKey = unwrapKey(masterKey, wrappedHashKey, hashLabel);
  if (!hashKey) {
    throw new ValidationError(
      'C360_MASTER_KEY is not the master key this database was set up with: its keys cannot be unwrapped',
      { code: 'master_key_mismatch', issues: [{ path: 'C360_MASTER_KEY', message: 'does not match the database' }] },
    );
  }

  const cache = new Lru<string, CachedKey>(cacheSize);

  function fromStore(stored: StoredKey): CachedKey {
    if (stored.wrapped === null) return { erased: true };
    const key = unwrapKey(masterKey, stored.wrapped, customerKeyLabel(stored.customerId, stored.keyId));
    if (!key) {
      throw new InfrastructureError(`the data key of customer ${stored.customerId} cannot be unwrapped`, {
        retriable: false,
        code: 'key_unwrap_failed',
        details: { customerId: stored.customerId },
      });
    }
    return { erased: false, keyId: stored.keyId, key };
  }

  // Erasure is final: a key read before a local erase finished must not replace its tombstone.
  function remember(customerId: string, entry: CachedKey): CachedKey {
    if (cache.get(customerId)?.erased) return { erased: true };
    cache.set(customerId, entry);
    return entry;
  }

  /** Keys from the cache, then the database; with `create`, missing keys are created. */
  async function keysFor(customerIds: readonly string[], create: boolean): Promise<Map<string, CachedKey>> {
    const found = new Map<string, CachedKey>();
    const missing: string[] = [];
    for (const customerId of new Set(customerIds)) {
      const cached = cache.get(customerId);
      if (cached) found.set(customerId, cached);
      else missing.push(customerId);
    }
    if (missing.length === 0) return found;
    const load = async (ids: readonly string[]) => {
      for (const stored of await selectKeys(sql, ids)) {
        found.set(stored.customerId, remember(stored.customerId, fromStore(stored)));
      }
    };
    await load(missing);
    const absent = missing.filter((customerId) => !found.has(customerId));
    if (!create || absent.length === 0) return found;

    const fresh = absent.map((customerId) => {
      const keyId = newKeyId();
      const key = newKey();
      return { customerId, keyId, key, wrapped: wrapKey(masterKey, key, customerKeyLabel(customerId, keyId)) };
    });
    const inserted = await insertKeys(sql, fresh);
    for (const { customerId, keyId, key } of fresh) {
      if (inserted.has(customerId)) found.set(customerId, remember(customerId, { erased: false, keyId, key }));
    }
    // Another process wrote these rows between our SELECT and INSERT: theirs is the key.
    const lost = absent.filter((customerId) => !inserted.has(customerId));
    if (lost.length > 0) await load(lost);
    return found;
  }

  return {
    identifierHash(type, value) {
      if (typeof type !== 'string' || type.length === 0 || type.includes(':')) {
        throw ValidationError.forPath('type', 'must be a non-empty string without ":"');
      }
      return createHmac('sha256', hashKey).update(`${type}:${value}`, 'utf8').digest('hex');
    },

    async encrypt(customerId, plaintext) {
      requireCustomerId(customerId);
      if (typeof plaintext !== 'string') throw ValidationError.forPath('plaintext', 'must be a string');
      const entry = (await keysFor([customerId], true)).get(customerId)!;
      if (entry.erased) {
        throw new ValidationError(`customer ${customerId} was erased: nothing can be encrypted for them`, {
          code: 'customer_erased',
          details: { customerId },
        });
      }
      return encryptValue(entry.key, entry.keyId, plaintext);
    },

    async prefetch(customerIds) {
      customerIds.forEach(requireCustomerId);
      await keysFor(customerIds, false);
    },

    async ensureKeys(customerIds) {
      customerIds.forEach(requireCustomerId);
      await keysFor(customerIds, true);
    },

    async decrypt(customerId, ciphertext) {
      requireCustomerId(customerId);
      const parsed = parseCiphertext(ciphertext);
      const entry = (await keysFor([customerId], false)).get(customerId);
      if (!entry) throw invalidCiphertext('the customer has no key');
      if (entry.erased) return null;
      if (entry.keyId !== parsed.keyId) throw invalidCiphertext("not written under the customer's key");
      return decryptValue(entry.key, parsed);
    },

    async erase(customerId) {
      requireCustomerId(customerId);
      await eraseKey(sql, customerId, newKeyId());
      cache.set(customerId, { erased: true });
    },
  };
}
