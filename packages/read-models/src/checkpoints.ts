import type { SqlExecutor } from '@c360/sql';

/** The projection's checkpoint: the global position of the last event its tables include (0n: none). */
export async function readCheckpoint(sql: SqlExecutor, projection: string): Promise<bigint> {
  const { rows } = await sql.query<{ position: bigint }>(`SELECT position FROM rm_checkpoints WHERE projection = $1`, [
    projection,
  ]);
  return rows[0]?.position ?? 0n;
}

/** Stores the checkpoint in the caller's transaction; never moves it backwards. */
export async function saveCheckpoint(sql: SqlExecutor, projection: string, position: bigint): Promise<void> {
  await sql.query(
    `INSERT INTO rm_checkpoints (projection, position) VALUES ($1, $2)
     ON CONFLICT (projection) DO UPDATE SET position = GREATEST(rm_checkpoints.position, EXCLUDED.position), updated_at = now()`,
    [projection, String(position)],
  );
}
