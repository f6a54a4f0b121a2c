import type { SqlExecutor } from '@c360/sql';
import { LIVE_TABLES, type ReadModelTables } from './tables';

/**
 * A recursive CTE `members(id)` (for a `WITH RECURSIVE` clause): the id(s) `seed`
 * selects, then every customer absorbed into them (transitively) and not given back
 * by an unmerge. For statements that need the members beside other data.
 */
export const membersCte = (seed: string, tables: ReadModelTables = LIVE_TABLES): string =>
  `members(id) AS (
     ${seed}
     UNION
     SELECT m.absorbed_id FROM ${tables.merges} m JOIN members ON m.survivor_id = members.id WHERE m.reverted_at IS NULL)`;

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
    `WITH RECURSIVE ${membersCte('SELECT $1::text', tables)} SELECT id FROM members`,
    [customerId],
  );
  return [customerId, ...rows.map((r) => r.id).filter((id) => id !== customerId)];
}
