export type { QueryResult, Sql, SqlExecutor } from './port';
export { SqlError, toSqlError } from './errors';
export { createPgSql, type PgSqlOptions } from './pg';
export { createPgliteSql, type PgliteSqlOptions } from './pglite';
export { loadMigrations, migrate, type Migration } from './migrations';
export { groupCommit, type GroupCommitOptions } from './group-commit';
