import { NotFoundError } from '@c360/errors';
import type { Bus, Consumer } from '@c360/bus';
import type { Sql } from '@c360/sql';
import type { QuarantineMessage } from './intake';

export interface QuarantineRecord {
  id: string;
  adapter: string;
  channel: string;
  sourceKeyId: string;
  reason: string;
  issues: unknown;
  contentType: string;
  raw: Buffer;
  rawSha256: string;
  quarantinedAt: Date;
  status: 'open' | 'resubmitted';
  resubmittedAt: Date | null;
}

interface Row {
  id: string;
  adapter: string;
  channel: string;
  source_key_id: string;
  reason: string;
  issues: unknown;
  content_type: string;
  raw: Uint8Array;
  raw_sha256: string;
  quarantined_at: Date;
  status: 'open' | 'resubmitted';
  resubmitted_at: Date | null;
}

const toRecord = (r: Row): QuarantineRecord => ({
  id: r.id,
  adapter: r.adapter,
  channel: r.channel,
  sourceKeyId: r.source_key_id,
  reason: r.reason,
  issues: r.issues,
  contentType: r.content_type,
  raw: Buffer.from(r.raw),
  rawSha256: r.raw_sha256,
  quarantinedAt: r.quarantined_at,
  status: r.status,
  resubmittedAt: r.resubmitted_at,
});

/** The quarantine index in SQL, fed from the quarantine topic by `follow`. */
export function quarantineStore(sql: Sql) {
  return {
    /** Consumes the quarantine topic into the table (idempotent per record id). */
    follow(bus: Bus, topic: string): Consumer {
      return bus.consume({
        groupId: 'c360-quarantine-index',
        topic,
        handler: async (batch) => {
          for (const message of batch) {
            const q = JSON.parse(message.value.toString()) as QuarantineMessage;
            await sql.query(
              `INSERT INTO quarantine (id, adapter, channel, source_key_id, reason, issues, content_type, raw, raw_sha256, quarantined_at)
               VALUES ($1, $2, $3, $4, $5, $6, $7, decode($8, 'base64'), $9, $10)
               ON CONFLICT (id) DO UPDATE SET status = 'open', quarantined_at = EXCLUDED.quarantined_at`,
              [
                q.id,
                q.adapter,
                q.channel,
                q.sourceKeyId,
                q.reason,
                JSON.stringify(q.issues),
                q.contentType,
                q.rawBase64,
                q.rawSha256,
                q.quarantinedAt,
              ],
            );
          }
        },
      });
    },

    async list(options: { status?: 'open' | 'resubmitted'; limit?: number } = {}): Promise<QuarantineRecord[]> {
      const { rows } = await sql.query<Row>(
        `SELECT * FROM quarantine WHERE ($1::text IS NULL OR status = $1) ORDER BY quarantined_at DESC, id LIMIT $2`,
        [options.status ?? null, Math.min(options.limit ?? 100, 1000)],
      );
      return rows.map(toRecord);
    },

    async get(id: string): Promise<QuarantineRecord> {
      const { rows } = await sql.query<Row>('SELECT * FROM quarantine WHERE id = $1', [id]);
      if (!rows[0]) throw new NotFoundError(`no quarantined input ${id}`, { code: 'quarantine_not_found' });
      return toRecord(rows[0]);
    },

    async markResubmitted(id: string): Promise<void> {
      await sql.query(`UPDATE quarantine SET status = 'resubmitted', resubmitted_at = now() WHERE id = $1`, [id]);
    },
  };
}

export type QuarantineStore = ReturnType<typeof quarantineStore>;
