import { fileURLToPath } from 'node:url';
import {
  pollingSubscription,
  type EventStore,
  type ReadAllOptions,
  type RecordedEvent,
  type StreamMetadata,
} from '@c360/event-store';
import { loadMigrations, migrate, type Sql, type SqlExecutor } from '@c360/sql';
import { appendWith } from './append';
import { appendManyWith } from './append-many';
import { readAllWith, readStreamsWith, readStreamWith } from './read';

const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

/** Applies the event store's migrations (idempotent, safe from several processes). */
export async function migrateEventStore(sql: Sql): Promise<void> {
  await migrate(sql, { component: 'event-store', migrations: await loadMigrations(MIGRATIONS_DIR) });
}

export interface PostgresEventStore extends EventStore {
  /**
   * Appends to a stream inside a caller-owned transaction, e.g. together with a
   * checkpoint: `sql.transaction(tx => store.appendIn(tx, …))`. For a batch over
   * several streams alone, `appendMany` is one round trip.
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

  const readAll = (options?: ReadAllOptions): Promise<RecordedEvent[]> => readAllWith(sql, options);

  return {
    capabilities: { atomicMultiStreamAppend: true },

    async appendToStream(streamId, events, options = {}) {
      const result = await appendWith(sql, streamId, events, options.expectedRevision ?? 'any');
      notify();
      return result;
    },

    async appendIn(tx, streamId, events, options = {}) {
      return appendWith(tx, streamId, events, options.expectedRevision ?? 'any');
    },

    async appendMany(requests) {
      const results = await appendManyWith(sql, requests);
      if (results.length > 0) notify();
      return results;
    },

    readStream: (streamId, options) => readStreamWith(sql, streamId, options),

    readStreams: (streamIds, options) => readStreamsWith(sql, streamIds, options),

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
