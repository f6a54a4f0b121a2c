import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Config } from '@c360/config';
import type { EventStore } from '@c360/event-store';
import { getEsdbEventStore } from '@c360/event-store-esdb';
import { getPostgresEventStore, migrateEventStore } from '@c360/event-store-postgres';
import { createPgliteSql, createPgSql, type Sql } from '@c360/sql';

export interface Storage {
  /** The SQL database: a server when DATABASE_URL is set, else PGlite under C360_DATA_DIR. */
  sql: Sql;
  eventStore: EventStore;
  /** Human-readable description of what was opened, for the start-up banner. */
  describe: { sql: string; eventStore: string };
  close(): Promise<void>;
}

/** Opens the SQL database and the event store the configuration selects, migrated and ready. */
export async function openStorage(config: Config): Promise<Storage> {
  let sql: Sql;
  let sqlDescription: string;
  if (config.DATABASE_URL) {
    sql = await createPgSql({ connectionString: config.DATABASE_URL, applicationName: 'c360-platform' });
    sqlDescription = `PostgreSQL ${new URL(config.DATABASE_URL).host}`;
  } else {
    const dataDir = resolve(config.C360_DATA_DIR, 'pglite');
    await mkdir(dataDir, { recursive: true });
    sql = await createPgliteSql({ dataDir });
    sqlDescription = `PGlite ${join(config.C360_DATA_DIR, 'pglite')}`;
  }
  try {
    if (config.C360_EVENT_STORE === 'esdb') {
      const eventStore = getEsdbEventStore({ connectionString: config.ESDB_URL! });
      return {
        sql,
        eventStore,
        describe: { sql: sqlDescription, eventStore: `EventStoreDB ${config.ESDB_URL}` },
        async close() {
          await eventStore.close();
          await sql.close();
        },
      };
    }
    await migrateEventStore(sql);
    const eventStore = getPostgresEventStore(sql);
    return {
      sql,
      eventStore,
      describe: { sql: sqlDescription, eventStore: `PostgreSQL event store on ${sqlDescription}` },
      async close() {
        await eventStore.close();
        await sql.close();
      },
    };
  } catch (error) {
    await sql.close();
    throw error;
  }
}
