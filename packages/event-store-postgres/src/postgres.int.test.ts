import { eventStoreContract } from '@c360/event-store/testing';
import { describePostgres, pgliteTestDatabase, postgresTestDatabase, type TestDatabase } from '@c360/testing';
import { getPostgresEventStore, migrateEventStore } from './store';
import { appendManyEquivalence } from './append-many.scenarios';
import { lateCommitScenarios } from './late-commit.scenarios';

async function storeOn(open: () => Promise<TestDatabase>) {
  const db = await open();
  await migrateEventStore(db.sql);
  return { store: getPostgresEventStore(db.sql), sql: db.sql, dispose: db.dispose };
}

eventStoreContract('PGlite', () => storeOn(pgliteTestDatabase));
appendManyEquivalence(() => storeOn(pgliteTestDatabase));

await describePostgres('PostgreSQL server', () => {
  eventStoreContract('PostgreSQL', () => storeOn(postgresTestDatabase));
  lateCommitScenarios(() => storeOn(postgresTestDatabase));
  appendManyEquivalence(() => storeOn(postgresTestDatabase));
});
