import { ValidationError, NotFoundError } from '@c360/errors';
import type { Sql } from '@c360/sql';
import { hashSecret, newId, newSecret } from './secrets';
import { DEFAULT_VERIFIED_TTL_MS, verifiedCache } from './verified-cache';

export const SOURCE_CHANNELS = ['web', 'call_center', 'pos', 'email'] as const;
export type SourceChannel = (typeof SOURCE_CHANNELS)[number];
export const ROLES = ['reader', 'pii_reader', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface SourceKey {
  id: string;
  name: string;
  channel: SourceChannel;
  createdAt: Date;
  revokedAt: Date | null;
}

export interface ApiToken {
  id: string;
  name: string;
  role: Role;
  createdAt: Date;
  revokedAt: Date | null;
}

interface Row {
  id: string;
  name: string;
  kind: string;
  created_at: Date;
  revoked_at: Date | null;
}

/**
 * A table of hashed secrets of one kind. `verify` answers `null` for an unknown or
 * revoked secret (never an error); `create` returns the clear secret once — it
 * cannot be read back. Optionally takes the secret to store (bootstrap from the
 * environment), which must be long enough to be unguessable. With `verifiedTtlMs`,
 * successful verifications are remembered that long (see verified-cache.ts).
 */
function credentialTable<Kind extends string>(
  sql: Sql,
  spec: {
    table: 'source_keys' | 'api_tokens';
    kindColumn: 'channel' | 'role';
    kinds: readonly Kind[];
    prefix: string;
    verifiedTtlMs?: number;
    now?: () => number;
  },
) {
  const toRecord = (row: Row) => ({
    id: row.id,
    name: row.name,
    kind: row.kind as Kind,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  });
  const columns = `id, name, ${spec.kindColumn} AS kind, created_at, revoked_at`;
  const cache =
    spec.verifiedTtlMs === undefined
      ? undefined
      : verifiedCache<ReturnType<typeof toRecord>>(sql, spec.table, {
          ttlMs: spec.verifiedTtlMs,
          now: spec.now ?? Date.now,
        });
  return {
    async create(input: { name: string; kind: Kind; secret?: string }) {
      if (!input.name.trim()) throw ValidationError.forPath('name', 'must not be empty');
      if (!spec.kinds.includes(input.kind)) {
        throw ValidationError.forPath(spec.kindColumn, `must be one of ${spec.kinds.join(', ')}`);
      }
      if (input.secret !== undefined && input.secret.length < 24) {
        throw ValidationError.forPath('secret', 'must be at least 24 characters');
      }
      const secret = input.secret ?? newSecret(spec.prefix);
      const id = newId(spec.prefix);
      const { rows } = await sql.query<Row>(
        // A bootstrap secret given again (every start) finds its row and changes nothing.
        `INSERT INTO ${spec.table} (id, name, ${spec.kindColumn}, secret_hash) VALUES ($1, $2, $3, $4)
         ON CONFLICT (secret_hash) DO UPDATE SET name = ${spec.table}.name
         RETURNING ${columns}`,
        [id, input.name.trim(), input.kind, hashSecret(secret)],
      );
      return { record: toRecord(rows[0]!), secret };
    },
    async verify(secret: string) {
      if (!secret) return null;
      const secretHash = hashSecret(secret);
      const cached = cache?.get(secretHash);
      if (cached) return cached;
      const ticket = cache?.ticket() ?? 0;
      const { rows } = await sql.query<Row>(
        `SELECT ${columns} FROM ${spec.table} WHERE secret_hash = $1 AND revoked_at IS NULL`,
        [secretHash],
      );
      if (!rows[0]) return null;
      const record = toRecord(rows[0]);
      cache?.set(secretHash, record, ticket);
      return record;
    },
    async revoke(id: string) {
      cache?.forget(id); // also when the row is gone: another process may have revoked it
      const { rowCount } = await sql.query(
        `UPDATE ${spec.table} SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`,
        [id],
      );
      cache?.forget(id); // and a verification that read the row before the UPDATE is not kept
      if (rowCount === 0) throw new NotFoundError(`no active credential ${id}`);
    },
    async list() {
      const { rows } = await sql.query<Row>(`SELECT ${columns} FROM ${spec.table} ORDER BY created_at, id`);
      return rows.map(toRecord);
    },
  };
}

export interface SourceKeyStoreOptions {
  /**
   * How long a verified write key is trusted without asking the database (default
   * 10 s; 0 turns it off). Write keys are checked on every ingest request; this
   * saves the lookup. A revocation through any source key store on the same SQL
   * port in this process takes effect at once; one made by another process takes
   * effect here within this time.
   */
  verifiedTtlMs?: number;
  /** Clock for the cache (tests). */
  now?: () => number;
}

export function sourceKeyStore(sql: Sql, options: SourceKeyStoreOptions = {}) {
  const table = credentialTable(sql, {
    table: 'source_keys',
    kindColumn: 'channel',
    kinds: SOURCE_CHANNELS,
    prefix: 'wk',
    verifiedTtlMs: options.verifiedTtlMs ?? DEFAULT_VERIFIED_TTL_MS,
    now: options.now,
  });
  const toKey = (r: {
    id: string;
    name: string;
    kind: SourceChannel;
    createdAt: Date;
    revokedAt: Date | null;
  }): SourceKey => ({
    id: r.id,
    name: r.name,
    channel: r.kind,
    createdAt: r.createdAt,
    revokedAt: r.revokedAt,
  });
  return {
    async create(input: { name: string; channel: SourceChannel; writeKey?: string }) {
      const { record, secret } = await table.create({ name: input.name, kind: input.channel, secret: input.writeKey });
      return { key: toKey(record), writeKey: secret };
    },
    verify: async (writeKey: string) => {
      const record = await table.verify(writeKey);
      return record ? toKey(record) : null;
    },
    revoke: table.revoke,
    list: async () => (await table.list()).map(toKey),
  };
}

/**
 * API tokens; verified tokens are trusted for `verifiedTtlMs` (default 10 s, 0: off)
 * like write keys: a revocation in this process takes effect at once, one made by
 * another process within that time.
 */
export function apiTokenStore(sql: Sql, options: SourceKeyStoreOptions = {}) {
  const table = credentialTable(sql, {
    table: 'api_tokens',
    kindColumn: 'role',
    kinds: ROLES,
    prefix: 'tok',
    verifiedTtlMs: options.verifiedTtlMs ?? DEFAULT_VERIFIED_TTL_MS,
    now: options.now,
  });
  const toToken = (r: { id: string; name: string; kind: Role; createdAt: Date; revokedAt: Date | null }): ApiToken => ({
    id: r.id,
    name: r.name,
    role: r.kind,
    createdAt: r.createdAt,
    revokedAt: r.revokedAt,
  });
  return {
    async create(input: { name: string; role: Role; token?: string }) {
      const { record, secret } = await table.create({ name: input.name, kind: input.role, secret: input.token });
      return { token: toToken(record), secret };
    },
    verify: async (secret: string) => {
      const record = await table.verify(secret);
      return record ? toToken(record) : null;
    },
    revoke: table.revoke,
    list: async () => (await table.list()).map(toToken),
  };
}

export type SourceKeyStore = ReturnType<typeof sourceKeyStore>;
export type ApiTokenStore = ReturnType<typeof apiTokenStore>;
