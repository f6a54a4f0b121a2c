import { ValidationError } from '@c360/errors';
import { partitionFor, type OutgoingMessage } from '@c360/bus';
import type { Sql } from '@c360/sql';

/** Largest message value the embedded log takes (Kafka's default message.max.bytes). */
export const MAX_MESSAGE_BYTES = 1_000_000;

/**
 * Appends messages to a topic in one transaction: all or none are stored, and
 * the promise resolves after COMMIT — durable on the database.
 */
export async function publishMessages(
  sql: Sql,
  partitionCount: (topic: string) => Promise<number>,
  topic: string,
  messages: readonly OutgoingMessage[],
): Promise<void> {
  if (messages.length === 0) return;
  const partitions = await partitionCount(topic);
  const rows = messages.map((message, i) => {
    if (message.value.length > MAX_MESSAGE_BYTES) {
      throw ValidationError.forPath(`messages[${i}].value`, `larger than ${MAX_MESSAGE_BYTES} bytes`);
    }
    return { partition: partitionFor(message.key, partitions), message };
  });
  const touched = [...new Set(rows.map((r) => r.partition))].sort((a, b) => a - b);
  await sql.transaction(async (tx) => {
    // Lock in partition order: concurrent publishers never deadlock.
    const { rows: locked } = await tx.query<{ partition: number; next_offset: bigint }>(
      `SELECT partition, next_offset FROM bus_partitions
        WHERE topic = $1 AND partition = ANY($2::int[]) ORDER BY partition FOR UPDATE`,
      [topic, touched],
    );
    const next = new Map(locked.map((r) => [r.partition, r.next_offset]));
    const offsets = rows.map((r) => {
      const offset = next.get(r.partition)!;
      next.set(r.partition, offset + 1n);
      return offset;
    });
    await tx.query(
      `INSERT INTO bus_messages (topic, partition, "offset", key, value, headers)
       SELECT $1, p, o, k, decode(v, 'base64'), h
         FROM unnest($2::int[], $3::bigint[], $4::text[], $5::text[], $6::jsonb[]) AS m(p, o, k, v, h)`,
      [
        topic,
        rows.map((r) => r.partition),
        offsets.map(String),
        rows.map((r) => r.message.key),
        rows.map((r) => r.message.value.toString('base64')),
        rows.map((r) => JSON.stringify(r.message.headers ?? {})),
      ],
    );
    await tx.query(
      `UPDATE bus_partitions b SET next_offset = n.next_offset
         FROM unnest($2::int[], $3::bigint[]) AS n(partition, next_offset)
        WHERE b.topic = $1 AND b.partition = n.partition`,
      [topic, [...next.keys()], [...next.values()].map(String)],
    );
  });
}
