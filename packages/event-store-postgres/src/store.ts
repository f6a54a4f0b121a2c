import { fileURLToPath } from 'node:url';
import { ValidationError } from '@c360/errors';
import {
  pollingSubscription,
  type EventStore,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamMetadata,
} from '@c360/event-store';
import { loadMigrations, migrate, type Sql, type SqlExecutor } from '@c360/sql';
import { appendWith } from './append';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from './rows';

const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

/** Applies the event store's migrations (idempotent, safe from several processes). */
export async function migrateEventStore(sql: Sql): Promise<void> {
  await migrate(sql, { component: 'event-store', migrations: await loadMigrations(MIGRATIONS_DIR) });
}

export interface PostgresEventStore extends EventStore {
  /**
   * Appends to several streams inside one caller-owned transaction (the
   * multi-stream batch append): `sql.transaction(tx => store.appendIn(tx, …))`.
   */
  appendIn: (
    tx: SqlExecutor,
    ...args: Parameters<EventStore['appendToStream']>
  ) => ReturnType<EventStore['appendToStream']>;
}

/**
 * The event store on PostgreSQL, through the SQL port: the same code on a real
 * server (`createPgSql`) and on PGlite (`createPgliteSql`). Call
 * `migrateEventStore` first. `close()` does not close the SQL port it was given.
 */
export function getPostgresEventStore(sql: Sql): PostgresEventStore {
  const wakers = new Set<() => void>();
  const subscriptions = new Set<{ stop(): Promise<void> }>();
  const notify = (): void => wakers.forEach((wake) => wake());

  const readAll = async (options: ReadAllOptions = {}): Promise<RecordedEvent[]> => {
    const limit = options.limit ?? 1000;
    if (!Number.isInteger(limit) || limit < 1) throw ValidationError.forPath('limit', 'must be a positive integer');
    const { rows } = await sql.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM es_events
        WHERE global_position > $1
          AND global_position < (pg_snapshot_xmin(pg_current_snapshot())::text::bigint << 16)
        ORDER BY global_position LIMIT $2`,
      [String(options.after ?? 0n), limit],
    );
    return rows.map(toRecordedEvent);
  };

  return {
    async appendToStream(streamId, events, options = {}) {
      const result = await appendWith(sql, streamId, events, options.expectedRevision ?? 'any');
      notify();
      return result;
    },

    async appendIn(tx, streamId, events, options = {}) {
      return appendWith(tx, streamId, events, options.expectedRevision ?? 'any');
    },

    async readStream(streamId, options: ReadStreamOptions = {}) {
      const backwards = options.direction === 'backwards';
      const limit = options.limit ?? null;
      if (limit !== null && (!Number.isInteger(limit) || limit < 0)) {
        throw ValidationError.forPath('limit', 'must be a non-negative integer');
      }
      const from = options.fromRevision === undefined ? null : String(options.fromRevision);
      const { rows } = await sql.query<EventRow>(
        `SELECT ${EVENT_COLUMNS.split(', ')
          .map((c) => `e.${c}`)
          .join(', ')}
           FROM es_streams s JOIN es_events e ON e.stream_id = s.stream_id
          WHERE s.stream_id = $1 AND NOT s.deleted
            AND e.stream_revision >= coalesce(s.truncate_before, 0)
            AND ($2::bigint IS NULL OR ${backwards ? 'e.stream_revision <= $2' : 'e.stream_revision >= $2'})
          ORDER BY e.stream_revision ${backwards ? 'DESC' : 'ASC'}
          LIMIT $3`,
        [streamId, from, limit],
      );
      return rows.map(toRecordedEvent);
    },

    readAll,

    subscribeToAll(options) {
      const subscription = pollingSubscription(readAll, options, {
        onWake: (wake) => {
          wakers.add(wake);
          return () => wakers.delete(wake);
        },
      });
      subscriptions.add(subscription);
      void subscription.done.catch(() => undefined).finally(() => subscriptions.delete(subscription));
      return subscription;
    },

    async getStreamMetadata(streamId) {
      const { rows } = await sql.query<{
        truncate_before: bigint | null;
        custom_metadata: StreamMetadata['custom'] | null;
      }>('SELECT truncate_before, custom_metadata FROM es_streams WHERE stream_id = $1 AND metadata_set', [streamId]);
      const row = rows[0];
      if (!row) return null;
      return {
        ...(row.truncate_before === null ? {} : { truncateBefore: row.truncate_before }),
        ...(row.custom_metadata === null ? {} : { custom: row.custom_metadata }),
      };
    },

    async setStreamMetadata(streamId, metadata) {
      await sql.query(
        `INSERT INTO es_streams (stream_id, truncate_before, custom_metadata, metadata_set) VALUES ($1, $2, $3, true)
         ON CONFLICT (stream_id) DO UPDATE
           SET truncate_before = EXCLUDED.truncate_before, custom_metadata = EXCLUDED.custom_metadata, metadata_set = true`,
        [
          streamId,
          metadata.truncateBefore === undefined ? null : String(metadata.truncateBefore),
          metadata.custom === undefined ? null : JSON.stringify(metadata.custom),
        ],
      );
    },

    async deleteStream(streamId) {
      await sql.query(
        `UPDATE es_streams SET deleted = true, truncate_before = revision + 1, metadata_set = true
          WHERE stream_id = $1 AND revision >= 0`,
        [streamId],
      );
    },

    async close() {
      await Promise.all([...subscriptions].map((s) => s.stop()));
    },
  };
}
