import { fileURLToPath } from 'node:url';
import { loadMigrations, migrate, type Sql } from '@c360/sql';

export {
  apiTokenStore,
  ROLES,
  SOURCE_CHANNELS,
  sourceKeyStore,
  type ApiToken,
  type ApiTokenStore,
  type Role,
  type SourceChannel,
  type SourceKey,
  type SourceKeyStore,
  type SourceKeyStoreOptions,
} from './credentials';
export { DEFAULT_VERIFIED_TTL_MS } from './verified-cache';

const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

/** Applies the credential tables' migrations. */
export async function migrateAuth(sql: Sql): Promise<void> {
  await migrate(sql, { component: 'auth', migrations: await loadMigrations(MIGRATIONS_DIR) });
}
