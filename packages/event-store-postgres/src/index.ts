export { getPostgresEventStore, migrateEventStore, type PostgresEventStore } from './store';
