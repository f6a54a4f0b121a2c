import { fileURLToPath } from 'node:url';
import { loadMigrations, migrate, type Sql } from '@c360/sql';

export { openKeyring, type Keyring, type KeyringOptions } from './keyring';
export { loadOrCreateMasterKey, parseMasterKey } from './master-key';

const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

/** Applies the key tables' migrations. */
export async function migrateKeyring(sql: Sql): Promise<void> {
  await migrate(sql, { component: 'keyring', migrations: await loadMigrations(MIGRATIONS_DIR) });
}
