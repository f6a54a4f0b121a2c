import type { Sql } from '@c360/sql';

/** How long a verified write key is trusted without asking the database. */
export const DEFAULT_VERIFIED_TTL_MS = 10_000;
const MAX_ENTRIES = 10_000;

export interface VerifiedCache<T extends { id: string }> {
  get(secretHash: string): T | undefined;
  /** `ticket` is from `ticket()` taken before the lookup: a revocation since then keeps the record out. */
  set(secretHash: string, record: T, ticket: number): void;
  ticket(): number;
  /** Drops every entry of the credential `id` (on revocation). */
  forget(id: string): void;
}

interface Shared {
  entries: Map<string, { record: { id: string }; verifiedAt: number }>;
  /** Bumped by every revocation. */
  revocations: number;
}

/** One cache per SQL port and table: every store over that port in this process sees the same revocations. */
const caches = new WeakMap<Sql, Map<string, Shared>>();

/**
 * Recently verified secrets of one credential table, keyed by the secret's hash,
 * trusted for `ttlMs` and bounded (the oldest entry goes first). Revoking through
 * any store on the same SQL port in this process takes effect at once; a
 * revocation by another process (or by hand in the database) takes effect within
 * `ttlMs`. Only successful verifications are kept: an unknown secret always asks.
 */
export function verifiedCache<T extends { id: string }>(
  sql: Sql,
  table: string,
  options: { ttlMs: number; now: () => number },
): VerifiedCache<T> {
  const perTable = caches.get(sql) ?? new Map<string, Shared>();
  caches.set(sql, perTable);
  const shared = perTable.get(table) ?? { entries: new Map(), revocations: 0 };
  perTable.set(table, shared);
  const { entries } = shared;

  return {
    get(secretHash) {
      const entry = entries.get(secretHash);
      if (entry === undefined) return undefined;
      if (options.now() - entry.verifiedAt >= options.ttlMs) {
        entries.delete(secretHash);
        return undefined;
      }
      return { ...(entry.record as T) };
    },
    set(secretHash, record, ticket) {
      if (options.ttlMs <= 0 || ticket !== shared.revocations) return;
      entries.delete(secretHash);
      if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
      entries.set(secretHash, { record: { ...record }, verifiedAt: options.now() });
    },
    ticket: () => shared.revocations,
    forget(id) {
      shared.revocations++;
      for (const [hash, entry] of entries) if (entry.record.id === id) entries.delete(hash);
    },
  };
}
