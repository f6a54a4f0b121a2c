import { describe, expect, it } from 'vitest';
import { eventStoreContract } from '@c360/event-store/testing';
import {
  pgliteTestDatabase,
  postgresTestDatabase,
  probePostgres,
  requirePostgres,
  type TestDatabase,
} from '@c360/testing';
import { getPostgresEventStore, migrateEventStore } from './store';
import { lateCommitScenarios } from './late-commit.scenarios';

const postgres = await probePostgres();
const skipPostgres = !postgres.ok && !requirePostgres();

async function storeOn(open: () => Promise<TestDatabase>) {
  const db = await open();
  await migrateEventStore(db.sql);
  return { store: getPostgresEventStore(db.sql), sql: db.sql, dispose: db.dispose };
}

eventStoreContract('PGlite', () => storeOn(pgliteTestDatabase));

describe.skipIf(skipPostgres)(`PostgreSQL server${postgres.ok ? '' : ` (skipped: ${postgres.reason})`}`, () => {
  it('is reachable when C360_REQUIRE_POSTGRES=1', () => {
    expect(postgres).toEqual({ ok: true });
  });
  eventStoreContract('PostgreSQL', () => storeOn(postgresTestDatabase));
  lateCommitScenarios(() => storeOn(postgresTestDatabase));
});
