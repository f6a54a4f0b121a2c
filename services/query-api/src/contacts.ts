import type { SqlExecutor } from '@c360/sql';

export interface Contact {
  touchpointId: string;
  channel: string;
  type: string;
  occurredAt: string;
  receivedAt: string;
  /** Non-personal facts (amount, category, disposition …). */
  summary: unknown;
  /** System, sourceId, adapter, adapterVersion, rawSha256. */
  source: unknown;
  /** Personal: identifiers with values, traits, context, payload. Only read when asked for. */
  detail?: unknown;
}

export interface ContactFilter {
  ownerId: string;
  channel?: string;
  type?: string;
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
  /** Keyset: the (occurredAt, touchpointId) of the last contact of the previous page. */
  before: { occurredAt: string; touchpointId: string } | null;
  limit: number;
  withDetail: boolean;
}

interface Row {
  touchpoint_id: string;
  channel: string;
  type: string;
  occurred_at: Date;
  received_at: Date;
  summary: unknown;
  source: unknown;
  detail?: unknown;
}

/**
 * Contact history of a live customer (every contact owned by it, its absorbed
 * customers' included), newest first by occurredAt then touchpointId. Reads
 * `limit` rows as asked: fetch one more than a page to know whether another follows.
 */
export async function readContacts(sql: SqlExecutor, filter: ContactFilter): Promise<Contact[]> {
  const { rows } = await sql.query<Row>(
    `SELECT touchpoint_id, channel, type, occurred_at, received_at, summary, source
            ${filter.withDetail ? ', detail' : ''}
       FROM rm_contact_history
      WHERE owner_id = $1
        AND ($2::text IS NULL OR channel = $2)
        AND ($3::text IS NULL OR type = $3)
        AND ($4::timestamptz IS NULL OR occurred_at >= $4)
        AND ($5::timestamptz IS NULL OR occurred_at < $5)
        AND ($6::timestamptz IS NULL OR (occurred_at, touchpoint_id) < ($6::timestamptz, $7::uuid))
      ORDER BY occurred_at DESC, touchpoint_id DESC
      LIMIT $8`,
    [
      filter.ownerId,
      filter.channel ?? null,
      filter.type ?? null,
      filter.from?.toISOString() ?? null,
      filter.to?.toISOString() ?? null,
      filter.before?.occurredAt ?? null,
      filter.before?.touchpointId ?? null,
      filter.limit,
    ],
  );
  return rows.map((row) => ({
    touchpointId: row.touchpoint_id,
    channel: row.channel,
    type: row.type,
    occurredAt: row.occurred_at.toISOString(),
    receivedAt: row.received_at.toISOString(),
    summary: row.summary,
    source: row.source,
    ...(filter.withDetail ? { detail: row.detail } : {}),
  }));
}
