import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Config } from '@c360/config';
import type { EventStore } from '@c360/event-store';
import { getEsdbEventStore } from '@c360/event-store-esdb';
import { getPostgresEventStore, migrateEventStore } from '@c360/event-store-postgres';
import { createPgliteSql, createPgSql, type Sql } from '@c360/sql';

export interface OpenedSql {
  /** A server when DATABASE_URL is set (every service of a deployment shares it), else PGlite under C360_DATA_DIR. */
  sql: Sql;
  /** Human-readable description for the start-up banner. */
  describe: string;
}

export interface OpenedEventStore {
  eventStore: EventStore;
  describe: string;
}

/** Opens the SQL database the configuration selects; the caller closes it. */
export async function openSql(config: Config, applicationName = 'c360-platform'): Promise<OpenedSql> {
  if (config.DATABASE_URL) {
    const sql = await createPgSql({ connectionString: config.DATABASE_URL, applicationName });
    return { sql, describe: `PostgreSQL ${new URL(config.DATABASE_URL).host}` };
  }
  const dataDir = resolve(config.C360_DATA_DIR, 'pglite');
  await mkdir(dataDir, { recursive: true });
  return { sql: await createPgliteSql({ dataDir }), describe: `PGlite ${join(config.C360_DATA_DIR, 'pglite')}` };
}

/**
 * Opens the event store the configuration selects, migrated and ready: EventStoreDB,
 * or the PostgreSQL event store in `opened.sql`'s database. Closing it leaves `sql` open.
 */
export async function openEventStore(config: Config, opened: OpenedSql): Promise<OpenedEventStore> {
  if (config.C360_EVENT_STORE === 'esdb') {
    return {
      eventStore: getEsdbEventStore({ connectionString: config.ESDB_URL! }),
      describe: `EventStoreDB ${config.ESDB_URL}`,
    };
  }
  await migrateEventStore(opened.sql);
  return {
    eventStore: getPostgresEventStore(opened.sql),
    describe: `PostgreSQL event store on ${opened.describe}`,
  };
}
