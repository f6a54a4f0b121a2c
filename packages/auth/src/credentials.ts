import { ValidationError, NotFoundError } from '@c360/errors';
import type { Sql } from '@c360/sql';
import { hashSecret, newId, newSecret } from './secrets';

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
 * environment), which must be long enough to be unguessable.
 */
function credentialTable<Kind extends string>(
  sql: Sql,
  spec: { table: 'source_keys' | 'api_tokens'; kindColumn: 'channel' | 'role'; kinds: readonly Kind[]; prefix: string },
) {
  const toRecord = (row: Row) => ({
    id: row.id,
    name: row.name,
    kind: row.kind as Kind,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  });
  const columns = `id, name, ${spec.kindColumn} AS kind, created_at, revoked_at`;
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
      const { rows } = await sql.query<Row>(
        `SELECT ${columns} FROM ${spec.table} WHERE secret_hash = $1 AND revoked_at IS NULL`,
        [hashSecret(secret)],
      );
      return rows[0] ? toRecord(rows[0]) : null;
    },
    async revoke(id: string) {
      const { rowCount } = await sql.query(
        `UPDATE ${spec.table} SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`,
        [id],
      );
      if (rowCount === 0) throw new NotFoundError(`no active credential ${id}`);
    },
    async list() {
      const { rows } = await sql.query<Row>(`SELECT ${columns} FROM ${spec.table} ORDER BY created_at, id`);
      return rows.map(toRecord);
    },
  };
}

export function sourceKeyStore(sql: Sql) {
  const table = credentialTable(sql, {
    table: 'source_keys',
    kindColumn: 'channel',
    kinds: SOURCE_CHANNELS,
    prefix: 'wk',
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

export function apiTokenStore(sql: Sql) {
  const table = credentialTable(sql, { table: 'api_tokens', kindColumn: 'role', kinds: ROLES, prefix: 'tok' });
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
