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
 * Commits next offsets of several partitions in one statement (`bus_commit_offsets`):
 * each only if this member still holds the partition's lease, checked under the
 * lease's row lock (a successor taking over waits for this commit), and renews
 * that lease — a member that commits is alive. Returns the partitions committed;
 * one missing lost its lease, and its batch will be redelivered to the new owner.
 */
export async function commitOffsets(
  sql: Sql,
  key: GroupKey,
  commits: ReadonlyMap<number, bigint>,
  options: { sessionTimeoutMs: number },
): Promise<Set<number>> {
  if (commits.size === 0) return new Set();
  const { rows } = await sql.query<{ partition: number }>(
    'SELECT bus_commit_offsets($1, $2, $3, $4::int[], $5::bigint[], $6::interval) AS partition',
    [
      key.groupId,
      key.topic,
      key.memberId,
      [...commits.keys()],
      [...commits.values()].map(String),
      `${options.sessionTimeoutMs} milliseconds`,
    ],
  );
  return new Set(rows.map((r) => r.partition));
}

/** The committed next offsets of a group, by partition. */
export async function committedOffsets(sql: Sql, groupId: string, topic: string): Promise<Map<number, bigint>> {
  const { rows } = await sql.query<{ partition: number; next_offset: bigint }>(
    'SELECT partition, next_offset FROM bus_group_offsets WHERE group_id = $1 AND topic = $2',
    [groupId, topic],
  );
  return new Map(rows.map((r) => [r.partition, r.next_offset]));
}
