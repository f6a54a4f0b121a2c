import type { Bus } from '@c360/bus';
import type { EventStore } from '@c360/event-store';
import type { SqlExecutor } from '@c360/sql';
import type { ReadinessCheck } from './health';

/** The SQL database answers `SELECT 1`. */
export const sqlCheck = (sql: Pick<SqlExecutor, 'query'>, timeoutMs?: number): ReadinessCheck => ({
  name: 'sql',
  probe: () => sql.query('SELECT 1'),
  timeoutMs,
});

/** The event store answers a read (of a stream that never exists: an empty answer, no data moved). */
export const eventStoreCheck = (store: Pick<EventStore, 'readStream'>, timeoutMs?: number): ReadinessCheck => ({
  name: 'event_store',
  probe: () => store.readStream('c360-readiness-probe', { limit: 1 }),
  timeoutMs,
});

/** The bus answers where a group stands on `topic` (a read of offsets; no group membership). */
export const busCheck = (
  bus: Pick<Bus, 'lag'>,
  target: { groupId: string; topic: string },
  timeoutMs?: number,
): ReadinessCheck => ({
  name: 'bus',
  probe: () => bus.lag(target.groupId, target.topic),
  timeoutMs,
});
