import type { Sql } from '@c360/sql';

export interface GroupKey {
  groupId: string;
  topic: string;
  memberId: string;
}

/**
 * One heartbeat of a group member: refreshes its own row, removes members whose
 * session expired, and works out which partitions this member should own (the
 * live members sorted by id; partition p goes to member p mod n). Then releases
 * leases it should no longer hold and takes or renews the ones it should.
 * Returns the partitions this member holds a lease on now.
 */
export async function heartbeat(
  sql: Sql,
  key: GroupKey,
  options: { partitions: number; sessionTimeoutMs: number; keep?: ReadonlySet<number> },
): Promise<number[]> {
  const { groupId, topic, memberId } = key;
  const session = `${options.sessionTimeoutMs} milliseconds`;
  await sql.query(
    `INSERT INTO bus_group_members (group_id, topic, member_id, heartbeat_at) VALUES ($1, $2, $3, clock_timestamp())
     ON CONFLICT (group_id, topic, member_id) DO UPDATE SET heartbeat_at = clock_timestamp()`,
    [groupId, topic, memberId],
  );
  await sql.query(
    `DELETE FROM bus_group_members
      WHERE group_id = $1 AND topic = $2 AND heartbeat_at < clock_timestamp() - $3::interval`,
    [groupId, topic, session],
  );
  const { rows } = await sql.query<{ member_id: string }>(
    'SELECT member_id FROM bus_group_members WHERE group_id = $1 AND topic = $2 ORDER BY member_id',
    [groupId, topic],
  );
  const members = rows.map((r) => r.member_id);
  const index = members.indexOf(memberId);
  // Partitions with a batch in progress stay leased until the batch is committed.
  const assigned = Array.from({ length: options.partitions }, (_, p) => p).filter(
    (p) => p % members.length === index || options.keep?.has(p),
  );
  await sql.query(
    `DELETE FROM bus_partition_leases
      WHERE group_id = $1 AND topic = $2 AND member_id = $3 AND NOT (partition = ANY($4::int[]))`,
    [groupId, topic, memberId, assigned],
  );
  const { rows: held } = await sql.query<{ partition: number }>(
    `INSERT INTO bus_partition_leases (group_id, topic, partition, member_id, expires_at)
     SELECT $1, $2, p, $3, clock_timestamp() + $5::interval FROM unnest($4::int[]) AS p
     ON CONFLICT (group_id, topic, partition) DO UPDATE
       SET member_id = EXCLUDED.member_id, expires_at = EXCLUDED.expires_at
       WHERE bus_partition_leases.member_id = EXCLUDED.member_id
          OR bus_partition_leases.expires_at < clock_timestamp()
     RETURNING partition`,
    [groupId, topic, memberId, assigned, session],
  );
  return held.map((r) => r.partition).sort((a, b) => a - b);
}

/** Leaves the group: drops the member row and its leases, so others take over at once. */
export async function leave(sql: Sql, key: GroupKey): Promise<void> {
  await sql.transaction(async (tx) => {
    await tx.query('DELETE FROM bus_partition_leases WHERE group_id = $1 AND topic = $2 AND member_id = $3', [
      key.groupId,
      key.topic,
      key.memberId,
    ]);
    await tx.query('DELETE FROM bus_group_members WHERE group_id = $1 AND topic = $2 AND member_id = $3', [
      key.groupId,
      key.topic,
      key.memberId,
    ]);
  });
}

/**
 * Commits `nextOffset` for a partition if this member still holds its lease, checked
 * under the lease's row lock (a successor taking over waits for this commit).
 * Returns false when the lease was lost: the batch will be redelivered to its new owner.
 */
export async function commitOffset(sql: Sql, key: GroupKey, partition: number, nextOffset: bigint): Promise<boolean> {
  return sql.transaction(async (tx) => {
    const { rows } = await tx.query(
      `SELECT 1 FROM bus_partition_leases
        WHERE group_id = $1 AND topic = $2 AND partition = $3 AND member_id = $4 AND expires_at > clock_timestamp()
        FOR UPDATE`,
      [key.groupId, key.topic, partition, key.memberId],
    );
    if (rows.length === 0) return false;
    await tx.query(
      `INSERT INTO bus_group_offsets (group_id, topic, partition, next_offset) VALUES ($1, $2, $3, $4)
       ON CONFLICT (group_id, topic, partition) DO UPDATE SET next_offset = EXCLUDED.next_offset, committed_at = now()`,
      [key.groupId, key.topic, partition, String(nextOffset)],
    );
    return true;
  });
}

/** The committed next offsets of a group, by partition. */
export async function committedOffsets(sql: Sql, groupId: string, topic: string): Promise<Map<number, bigint>> {
  const { rows } = await sql.query<{ partition: number; next_offset: bigint }>(
    'SELECT partition, next_offset FROM bus_group_offsets WHERE group_id = $1 AND topic = $2',
    [groupId, topic],
  );
  return new Map(rows.map((r) => [r.partition, r.next_offset]));
}
