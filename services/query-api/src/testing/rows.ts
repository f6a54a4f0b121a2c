import { randomUUID } from 'node:crypto';
import type { Keyring } from '@c360/keyring';
import type { SqlExecutor } from '@c360/sql';

/**
 * Read-model rows written directly (as the projector would), so the query API's
 * tests can set up exactly the state they need. Defaults make a plausible row.
 */

export async function insertProfile(
  sql: SqlExecutor,
  row: {
    customerId: string;
    status?: 'live' | 'merged';
    mergedInto?: string | null;
    createdAt?: string;
    displayName?: string | null;
    traits?: Record<string, unknown>;
    computed?: Record<string, unknown>;
    channels?: string[];
    touchpointCount?: number;
    firstSeenAt?: string | null;
    lastSeenAt?: string | null;
  },
): Promise<void> {
  await sql.query(
    `INSERT INTO rm_profiles (customer_id, status, merged_into, created_at, display_name, traits, computed, channels,
                              touchpoint_count, first_seen_at, last_seen_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      row.customerId,
      row.status ?? 'live',
      row.mergedInto ?? null,
      row.createdAt ?? '2026-01-01T00:00:00Z',
      row.displayName ?? null,
      JSON.stringify(row.traits ?? {}),
      JSON.stringify(row.computed ?? {}),
      row.channels ?? [],
      row.touchpointCount ?? 0,
      row.firstSeenAt ?? null,
      row.lastSeenAt ?? null,
    ],
  );
}

/** An identifier row, hashed with the keyring the API looks up with. */
export async function insertIdentifier(
  sql: SqlExecutor,
  keyring: Pick<Keyring, 'identifierHash'>,
  row: { type: string; value: string; customerId: string; ownerId?: string; linkedAt?: string },
): Promise<void> {
  await sql.query(
    `INSERT INTO rm_identifiers (type, hash, value, customer_id, owner_id, touchpoint_id, linked_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      row.type,
      keyring.identifierHash(row.type, row.value),
      row.value,
      row.customerId,
      row.ownerId ?? row.customerId,
      randomUUID(),
      row.linkedAt ?? '2026-01-01T00:00:00Z',
    ],
  );
}

export async function insertContact(
  sql: SqlExecutor,
  row: {
    customerId: string;
    ownerId?: string;
    channel: string;
    type: string;
    occurredAt: string;
    touchpointId?: string;
    summary?: Record<string, unknown>;
    fact?: Record<string, unknown>;
    detail?: Record<string, unknown>;
  },
): Promise<string> {
  const touchpointId = row.touchpointId ?? randomUUID();
  await sql.query(
    `INSERT INTO rm_contact_history (touchpoint_id, customer_id, owner_id, channel, type, occurred_at, received_at,
                                     summary, fact, detail, source, global_position)
     VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8, $9, $10, 0)`,
    [
      touchpointId,
      row.customerId,
      row.ownerId ?? row.customerId,
      row.channel,
      row.type,
      row.occurredAt,
      JSON.stringify(row.summary ?? { kind: row.type }),
      JSON.stringify(
        row.fact ?? {
          touchpointId,
          channel: row.channel,
          type: row.type,
          occurredAt: Date.parse(row.occurredAt),
          payload: null,
          traits: {},
          consent: null,
        },
      ),
      JSON.stringify(row.detail ?? { identifiers: [{ type: 'email', value: 'li.lei@example.com' }] }),
      JSON.stringify({ system: 'test', sourceId: touchpointId, adapter: 'test', adapterVersion: '1', rawSha256: 'ab' }),
    ],
  );
  return touchpointId;
}

export async function insertMerge(
  sql: SqlExecutor,
  row: { absorbedId: string; survivorId: string; mergedAt?: string; revertedAt?: string; reason?: string },
): Promise<void> {
  await sql.query(
    `INSERT INTO rm_merges (absorbed_id, survivor_id, touchpoint_id, rule_version, evidence, merged_at, reverted_at,
                            revert_reason)
     VALUES ($1, $2, $3, 'identity-rules/1', $4, $5, $6, $7)`,
    [
      row.absorbedId,
      row.survivorId,
      randomUUID(),
      JSON.stringify([{ type: 'email', hash: 'f'.repeat(64) }]),
      row.mergedAt ?? '2026-02-01T00:00:00Z',
      row.revertedAt ?? null,
      row.reason ?? null,
    ],
  );
}

export async function insertConflict(
  sql: SqlExecutor,
  row: { customerId: string; otherCustomerId: string; position: number },
): Promise<void> {
  await sql.query(
    `INSERT INTO rm_identity_log (customer_id, global_position, kind, touchpoint_id, rule_version, detail, recorded_at)
     VALUES ($1, $2, 'conflict', $3, 'identity-rules/1', $4, '2026-02-02T00:00:00Z')`,
    [
      row.customerId,
      row.position,
      randomUUID(),
      JSON.stringify({
        reason: 'contradicting_evidence',
        identifier: { type: 'phone', hash: 'e'.repeat(64) },
        otherCustomerId: row.otherCustomerId,
        detail: 'phone is shared; both hold a different user_id',
      }),
    ],
  );
}
