import type { RecordedEvent } from '@c360/event-store';
import type { Sealer } from '@c360/identity';
import type { SqlExecutor } from '@c360/sql';
import { projectEvents } from './project';
import { refreshProfiles } from './refresh';
import type { ReadModelTables } from './tables';

/** One batch into the read models: the events, then the profiles they touched. In the caller's transaction. */
export async function applyBatch(
  tx: SqlExecutor,
  events: readonly RecordedEvent[],
  options: { tables: ReadModelTables; sealer: Sealer },
): Promise<void> {
  const dirty = await projectEvents(tx, events, options);
  await refreshProfiles(tx, options.tables, dirty);
}
