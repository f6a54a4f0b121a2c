import { ValidationError } from '@c360/errors';
import { partitionFor, type OutgoingMessage } from '@c360/bus';
import { SqlError, type Sql } from '@c360/sql';

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

interface Pending {
  topic: string;
  messages: readonly OutgoingMessage[];
  bytes: number;
  /** Set when its group is written (the topic's partition count is looked up then). */
  rows?: Row[];
  resolve(): void;
  reject(error: unknown): void;
}

export interface Publisher {
  publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void>;
}

/**
 * Publishing with group commit. Calls made while a write is in flight wait and
 * then go together, in call order, in the next statement (`bus_publish`): under
 * load one COMMIT — one WAL flush, one hold of the partition locks — serves many
 * calls instead of each call queueing for the locks on its own.
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
  const queue: Pending[] = [];
  let writing = false;

  const settle = async (group: Pending[]): Promise<void> => {
    try {
      await store(sql, group.length === 1 ? group[0]!.rows! : group.flatMap((p) => p.rows!));
      group.forEach((p) => p.resolve());
    } catch (error) {
      if (group.length === 1 || (error instanceof SqlError && error.retriable)) {
        group.forEach((p) => p.reject(error));
        return;
      }
      for (const pending of group) await settle([pending]);
      return;
    }
    deps.onStored(new Set(group.map((p) => p.topic)));
  };

  const drain = async (): Promise<void> => {
    writing = true;
    try {
      while (queue.length > 0) {
        const group: Pending[] = [];
        for (const pending of takeGroup(queue)) {
          try {
            const partitions = await deps.partitionCount(pending.topic);
            pending.rows = pending.messages.map((message) => ({
              topic: pending.topic,
              partition: partitionFor(message.key, partitions),
              message,
            }));
            group.push(pending);
          } catch (error) {
            pending.reject(error);
          }
        }
        if (group.length > 0) await settle(group);
      }
    } finally {
      writing = false;
    }
  };

  return {
    async publish(topic, messages) {
      if (messages.length === 0) return;
      let bytes = 0;
      messages.forEach((message, i) => {
        checkMessage(message, i);
        bytes += message.value.length;
      });
      // Queued synchronously: the call's place in the queue is its place in the log.
      await new Promise<void>((resolve, reject) => {
        queue.push({ topic, messages: [...messages], bytes, resolve, reject });
        if (!writing) void drain();
      });
    },
  };
}

/** The calls at the head of the queue that fit one statement (at least one). */
function takeGroup(queue: Pending[]): Pending[] {
  let messages = 0;
  let bytes = 0;
  let n = 0;
  for (const pending of queue) {
    messages += pending.messages.length;
    bytes += pending.bytes;
    if (n > 0 && (messages > MAX_GROUP_MESSAGES || bytes > MAX_GROUP_BYTES)) break;
    n++;
  }
  return queue.splice(0, n);
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
