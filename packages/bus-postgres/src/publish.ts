import { ValidationError } from '@c360/errors';
import { partitionFor, type OutgoingMessage } from '@c360/bus';
import { groupCommit, SqlError, type Sql } from '@c360/sql';

/** Largest message value the embedded log takes (Kafka's default message.max.bytes). */
export const MAX_MESSAGE_BYTES = 1_000_000;
/** Most messages and value bytes one statement carries; a larger single call goes alone. */
const MAX_GROUP_MESSAGES = 10_000;
const MAX_GROUP_BYTES = 16 * MAX_MESSAGE_BYTES;

interface Row {
  topic: string;
  partition: number;
  message: OutgoingMessage;
}

/** One `publish` call, as queued for the group commit. */
interface Call {
  topic: string;
  messages: readonly OutgoingMessage[];
  bytes: number;
}

export interface Publisher {
  publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void>;
}

/**
 * Publishing with group commit (@c360/sql `groupCommit`). Calls made while a write
 * is in flight wait and then go together, in call order, in the next statement
 * (`bus_publish`): under load one COMMIT — one WAL flush, one hold of the partition
 * locks — serves many calls instead of each call queueing for the locks on its own.
 *
 * Contract of `publish`, as for a single call: all of a call's messages are stored
 * or none; it resolves after COMMIT (durable on the database); offsets follow call
 * order, so a caller that publishes again after (or without awaiting) a call keeps
 * its per-key order. A group that fails for a reason other than a retriable one
 * (a connection lost, a deadlock) is retried call by call, so one call's bad
 * input fails only that call. `onStored` gets the topics of every stored group.
 */
export function createPublisher(
  sql: Sql,
  deps: { partitionCount: (topic: string) => Promise<number>; onStored: (topics: ReadonlySet<string>) => void },
): Publisher {
  const calls = groupCommit<Call>({
    async write(group) {
      const rows: Row[] = [];
      for (const call of group) {
        const partitions = await deps.partitionCount(call.topic);
        for (const message of call.messages)
          rows.push({ topic: call.topic, partition: partitionFor(message.key, partitions), message });
      }
      await store(sql, rows);
    },
    // Both budgets of one statement at once: a group ends at whichever fills first.
    weight: (call) => Math.max(call.messages.length / MAX_GROUP_MESSAGES, call.bytes / MAX_GROUP_BYTES),
    maxWeight: 1,
    isolate: (error) => !(error instanceof SqlError && error.retriable),
    onWritten: (group) => deps.onStored(new Set(group.map((call) => call.topic))),
  });

  return {
    async publish(topic, messages) {
      if (messages.length === 0) return;
      let bytes = 0;
      messages.forEach((message, i) => {
        checkMessage(message, i);
        bytes += message.value.length;
      });
      // Queued synchronously: the call's place in the queue is its place in the log.
      await calls.add({ topic, messages: [...messages], bytes });
    },
  };
}

const NUL = '\u0000';

/** What PostgreSQL could not store is refused here, so it fails only its own call. */
function checkMessage(message: OutgoingMessage, i: number): void {
  if (message.value.length > MAX_MESSAGE_BYTES) {
    throw ValidationError.forPath(`messages[${i}].value`, `larger than ${MAX_MESSAGE_BYTES} bytes`);
  }
  if (typeof message.key !== 'string' || message.key.includes(NUL)) {
    throw ValidationError.forPath(`messages[${i}].key`, 'must be a string without NUL characters');
  }
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (name.includes(NUL) || typeof value !== 'string' || value.includes(NUL)) {
      throw ValidationError.forPath(`messages[${i}].headers`, 'must map names to strings, without NUL characters');
    }
  }
}

/** One statement, one round trip: values as one binary blob, headers as one JSON array. */
async function store(sql: Sql, rows: readonly Row[]): Promise<void> {
  const values = rows.map((r) => r.message.value);
  await sql.query('SELECT bus_publish($1::text[], $2::int[], $3::text[], $4::bytea, $5::int[], $6::jsonb)', [
    rows.map((r) => r.topic),
    rows.map((r) => r.partition),
    rows.map((r) => r.message.key),
    Buffer.concat(values),
    values.map((v) => v.length),
    JSON.stringify(rows.map((r) => r.message.headers ?? {})),
  ]);
}
