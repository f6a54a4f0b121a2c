import { fileURLToPath } from 'node:url';
import { loadMigrations, migrate, type Sql } from '@c360/sql';

const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

/** Applies the ingestor's migrations (the dead-letter archive). */
export async function migrateIngestor(sql: Sql): Promise<void> {
  await migrate(sql, { component: 'ingestor', migrations: await loadMigrations(MIGRATIONS_DIR) });
}
