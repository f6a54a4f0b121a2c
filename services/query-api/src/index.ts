/**
 * @c360/query-api — the query API of the platform as an express Router: profiles by
 * id, identifier or search, contact history, event history with provenance,
 * profiles as of a past instant, merge explanations and unmerge; personal values
 * masked by role, every read recorded in `api_access_log`.
 */
import { fileURLToPath } from 'node:url';
import { loadMigrations, migrate, type Sql } from '@c360/sql';

export { createQueryApi, type QueryApiOptions } from './api';
export { foldProfileAsOf, membershipAt, type TimedEvent } from './as-of';
export type { QueryKeys } from './routes/common';
export { openApiDocument } from './openapi/document';

const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

/** Applies the query API's migrations (the access log). */
export async function migrateQueryApi(sql: Sql): Promise<void> {
  await migrate(sql, { component: 'query-api', migrations: await loadMigrations(MIGRATIONS_DIR) });
}
