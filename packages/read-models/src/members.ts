import type { SqlExecutor } from '@c360/sql';
import { LIVE_TABLES, type ReadModelTables } from './tables';

/**
 * `customerId` first, then every customer absorbed into it (transitively) and not
 * given back by an unmerge.
 */
export async function membersOf(
  sql: SqlExecutor,
  customerId: string,
  tables: ReadModelTables = LIVE_TABLES,
): Promise<string[]> {
  const { rows } = await sql.query<{ id: string }>(
    `WITH RECURSIVE members(id) AS (
       SELECT $1::text
       UNION
       SELECT m.absorbed_id FROM ${tables.merges} m JOIN members ON m.survivor_id = members.id WHERE m.reverted_at IS NULL)
     SELECT id FROM members`,
    [customerId],
  );
  return [customerId, ...rows.map((r) => r.id).filter((id) => id !== customerId)];
}
