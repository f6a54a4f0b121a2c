import { fileURLToPath } from 'node:url';
import { loadMigrations, migrate, type Sql } from '@c360/sql';

export { applyBatch } from './apply';
export { readCheckpoint, saveCheckpoint } from './checkpoints';
export { membersCte, membersOf } from './members';
export { projectEvents } from './project';
export { displayName, refreshProfiles } from './refresh';
export { LIVE_TABLES, readModelTables, TABLE_KINDS, type ReadModelTables } from './tables';

const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

/** Applies the read models' migrations (the live `rm_*` tables and the checkpoints). */
export async function migrateReadModels(sql: Sql): Promise<void> {
  await migrate(sql, { component: 'read-models', migrations: await loadMigrations(MIGRATIONS_DIR) });
}
