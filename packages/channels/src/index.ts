import { fileURLToPath } from 'node:url';
import { loadMigrations, migrate, type Sql } from '@c360/sql';

export type { AdapterContext, ChannelAdapter, RawInput, ReprocessOutcome } from './adapter';
export { deliver, emptySorted, sortTouchpoint, type Rejected, type Sorted } from './async-input';
export { bodyBytes, rawBody } from './raw-body';
export { createCollector, type CollectorOptions } from './collector';
export {
  createIntake,
  partitionKey,
  sha256Hex,
  type Intake,
  type IntakeTopics,
  type QuarantineInput,
  type QuarantineMessage,
} from './intake';
export { channelMetrics, type ChannelMetrics } from './metrics';
export { quarantineStore, type QuarantineRecord, type QuarantineStore } from './quarantine-store';

const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

/** Applies the quarantine index's migrations. */
export async function migrateChannels(sql: Sql): Promise<void> {
  await migrate(sql, { component: 'channels', migrations: await loadMigrations(MIGRATIONS_DIR) });
}
