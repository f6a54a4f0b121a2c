import type { Bus, Consumer, Headers, IncomingMessage } from '@c360/bus';
import { NotFoundError, ValidationError } from '@c360/errors';
import type { Sql, SqlExecutor } from '@c360/sql';
import { DEAD_LETTER_HEADERS } from './dead-letters';

export const DEAD_LETTER_ARCHIVE_GROUP = 'c360-dlq-archive';

export interface ArchivedDeadLetter {
  id: string;
  origin: { topic: string; partition: number; offset: string };
  key: string;
  value: Buffer;
  /** The original message's headers (the `c360-dlq-*` ones are in the fields beside). */
  headers: Headers;
  error: string;
  code: string;
  stage: string;
  deadAt: Date;
  archivedAt: Date;
  retriedAt: Date | null;
  retries: number;
}

export type DeadLetterStatus = 'open' | 'retried' | 'all';

export interface DeadLetterArchive {
  /** Records dead letters read from the dead-letter topic; a letter already recorded (same origin) is left as it is. */
  record(messages: readonly IncomingMessage[]): Promise<number>;
  /** Oldest first, after the id `after`; `open` = never retried. */
  list(options?: { status?: DeadLetterStatus; after?: string; limit?: number }): Promise<ArchivedDeadLetter[]>;
  /** Throws NotFoundError for an unknown id. */
  get(id: string): Promise<ArchivedDeadLetter>;
  /**
   * Publishes the original bytes, key and headers to `topic` again and marks the
   * letter retried. A letter retried before is refused (`already_retried`) unless
   * `force`. The mark is taken before publishing and given back if that fails, so two
   * operators cannot retry one letter twice at once.
   */
  retry(id: string, options: { bus: Bus; topic: string; force?: boolean }): Promise<ArchivedDeadLetter>;
  /** Consumes the dead-letter topic into the archive (consumer group `c360-dlq-archive`). */
  follow(bus: Bus, topic: string, options?: { groupId?: string }): Consumer;
}

interface Row {
  id: bigint | string;
  origin_topic: string;
  origin_partition: number;
  origin_offset: bigint | string;
  message_key: string;
  value: Uint8Array;
  headers: Headers;
  error: string;
  code: string;
  stage: string;
  dead_at: Date;
  archived_at: Date;
  retried_at: Date | null;
  retries: number;
}

const toLetter = (r: Row): ArchivedDeadLetter => ({
  id: String(r.id),
  origin: { topic: r.origin_topic, partition: r.origin_partition, offset: String(r.origin_offset) },
  key: r.message_key,
  value: Buffer.from(r.value),
  headers: r.headers,
  error: r.error,
  code: r.code,
  stage: r.stage,
  deadAt: r.dead_at,
  archivedAt: r.archived_at,
  retriedAt: r.retried_at,
  retries: r.retries,
});

const DLQ_PREFIX = 'c360-dlq-';

/** The original headers, without the ones the dead-letter topic added. */
export function originalHeaders(headers: Headers): Headers {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !name.startsWith(DLQ_PREFIX)));
}

const idParam = (id: string): string => {
  if (!/^\d{1,18}$/.test(id)) throw new NotFoundError(`no dead letter ${id}`);
  return id;
};

async function insert(tx: SqlExecutor, message: IncomingMessage): Promise<number> {
  const h = message.headers;
  // A message on the topic without our headers (published by hand) is archived as its own origin.
  const fromHeaders = h[DEAD_LETTER_HEADERS.topic] !== undefined;
  const { rowCount } = await tx.query(
    `INSERT INTO dead_letters (origin_topic, origin_partition, origin_offset, message_key, value, headers, error, code, stage, dead_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (origin_topic, origin_partition, origin_offset) DO NOTHING`,
    [
      fromHeaders ? h[DEAD_LETTER_HEADERS.topic] : message.topic,
      fromHeaders ? Number(h[DEAD_LETTER_HEADERS.partition]) : message.partition,
      fromHeaders ? h[DEAD_LETTER_HEADERS.offset] : String(message.offset),
      message.key,
      message.value,
      JSON.stringify(originalHeaders(h)),
      h[DEAD_LETTER_HEADERS.error] ?? 'no error recorded',
      h[DEAD_LETTER_HEADERS.code] ?? 'unknown',
      h[DEAD_LETTER_HEADERS.stage] ?? 'unknown',
      h[DEAD_LETTER_HEADERS.at] ?? message.timestamp.toISOString(),
    ],
  );
  return rowCount;
}

/** The dead-letter archive in `sql`'s database (migrated by `migrateIngestor`). */
export function deadLetterArchive(sql: Sql): DeadLetterArchive {
  const archive: DeadLetterArchive = {
    record: (messages) =>
      sql.transaction(async (tx) => {
        let added = 0;
        for (const message of messages) added += await insert(tx, message);
        return added;
      }),

    async list(options = {}) {
      const status = options.status ?? 'open';
      const { rows } = await sql.query<Row>(
        `SELECT * FROM dead_letters
         WHERE id > $1 AND ($2 = 'all' OR ($2 = 'open') = (retried_at IS NULL))
         ORDER BY id LIMIT $3`,
        [options.after ? idParam(options.after) : '0', status, Math.min(Math.max(options.limit ?? 100, 1), 1_000)],
      );
      return rows.map(toLetter);
    },

    async get(id) {
      const { rows } = await sql.query<Row>(`SELECT * FROM dead_letters WHERE id = $1`, [idParam(id)]);
      if (!rows[0]) throw new NotFoundError(`no dead letter ${id}`, { details: { id } });
      return toLetter(rows[0]);
    },

    async retry(id, options) {
      const previous = await archive.get(id);
      const { rows } = await sql.query<Row>(
        `UPDATE dead_letters SET retried_at = now(), retries = retries + 1
         WHERE id = $1 AND (retried_at IS NULL OR $2) RETURNING *`,
        [idParam(id), options.force === true],
      );
      if (!rows[0]) {
        throw new ValidationError(
          `dead letter ${id} was retried at ${previous.retriedAt?.toISOString()}; force to retry again`,
          {
            code: 'already_retried',
            details: { id, retriedAt: previous.retriedAt },
          },
        );
      }
      try {
        await options.bus.publish(options.topic, [
          { key: previous.key, value: previous.value, headers: originalHeaders(previous.headers) },
        ]);
      } catch (error) {
        await sql.query(`UPDATE dead_letters SET retried_at = $2, retries = retries - 1 WHERE id = $1`, [
          id,
          previous.retriedAt,
        ]);
        throw error;
      }
      return toLetter(rows[0]);
    },

    follow(bus, topic, options = {}) {
      return bus.consume({
        groupId: options.groupId ?? DEAD_LETTER_ARCHIVE_GROUP,
        topic,
        handler: async (batch) => void (await archive.record(batch)),
      });
    },
  };
  return archive;
}
