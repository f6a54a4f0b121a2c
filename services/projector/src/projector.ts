import type { EventStore, RecordedEvent, Subscription } from '@c360/event-store';
import { customerIdOf, type Sealer } from '@c360/identity';
import { applyBatch, LIVE_TABLES, readCheckpoint, saveCheckpoint, type ReadModelTables } from '@c360/read-models';
import type { Sql } from '@c360/sql';

export const PROFILE_PROJECTION = 'profiles';

export interface ProjectorOptions {
  store: EventStore;
  sql: Sql;
  sealer: Sealer;
  tables?: ReadModelTables;
  projection?: string;
  batchSize?: number;
  /** Called after each committed batch, e.g. for lag metrics. */
  onBatch?: (info: { events: number; position: bigint }) => void;
}

export interface Projector {
  readonly subscription: Subscription;
  /** Position of the last event committed to the read models by this process. */
  readonly position: bigint;
  stop(): Promise<void>;
}

/**
 * The projector: a catch-up subscription from the stored checkpoint; each batch is
 * applied to the read models and the checkpoint saved in the same transaction, so
 * a crash never skips a batch and never applies one twice (and applying one twice
 * would change nothing anyway).
 */
export async function startProjector(options: ProjectorOptions): Promise<Projector> {
  const tables = options.tables ?? LIVE_TABLES;
  const projection = options.projection ?? PROFILE_PROJECTION;
  let position = await readCheckpoint(options.sql, projection);
  const subscription = options.store.subscribeToAll({
    after: position,
    batchSize: options.batchSize ?? 1_000,
    handler: async (events) => {
      const last = events.at(-1)!.globalPosition;
      await prefetchKeys(options.sealer, events);
      await options.sql.transaction(async (tx) => {
        await applyBatch(tx, events, { tables, sealer: options.sealer });
        await saveCheckpoint(tx, projection, last);
      });
      position = last;
      options.onBatch?.({ events: events.length, position: last });
    },
  });
  return {
    subscription,
    get position() {
      return position;
    },
    stop: () => subscription.stop(),
  };
}

/**
 * Loads the keys a batch will be decrypted with before its transaction opens: on
 * PGlite the keyring's query and the transaction share the one connection, so a key
 * fetched from inside the transaction would wait for it forever.
 */
export async function prefetchKeys(sealer: Sealer, events: readonly RecordedEvent[]): Promise<void> {
  const ids = new Set<string>();
  for (const event of events) {
    const id = customerIdOf(event.streamId);
    if (id) ids.add(id);
  }
  await sealer.prefetch?.([...ids]);
}
