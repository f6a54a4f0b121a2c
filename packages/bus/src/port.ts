/**
 * The bus port: topics split into partitions, consumer groups, at-least-once
 * delivery. Two adapters — Kafka (kafkajs) and an embedded log in PostgreSQL —
 * pass one contract suite (`@c360/bus/testing`). Nothing outside an adapter
 * imports a Kafka client.
 *
 * Delivery contract: messages with one key go to one partition and are handed to
 * the handler in publish order; an offset is committed only after the handler that
 * received it resolved; a handler that rejects gets the same messages again (after
 * a back-off); a partition is handled by at most one member of a group at a time.
 */

export type Headers = Record<string, string>;

export interface OutgoingMessage {
  /** Partitioning key: same key, same partition, same order. */
  key: string;
  value: Buffer;
  headers?: Headers;
}

export interface IncomingMessage {
  topic: string;
  partition: number;
  /** Position in the partition; consecutive messages may skip numbers on Kafka (compaction, transactions). */
  offset: bigint;
  key: string;
  value: Buffer;
  headers: Headers;
  /** When the bus accepted it. */
  timestamp: Date;
}

export interface TopicSpec {
  name: string;
  partitions: number;
}

export type StartFrom = 'earliest' | 'latest';

export interface ConsumeOptions {
  groupId: string;
  topic: string;
  /** Where a group with no committed offset for a partition starts (default `earliest`). */
  startFrom?: StartFrom;
  /** Most messages per handler call (default 500). */
  maxBatchSize?: number;
  /**
   * Receives consecutive messages of one partition. Resolve: their offsets are
   * committed. Reject: nothing is committed and the batch is delivered again.
   */
  handler: (batch: IncomingMessage[]) => Promise<void>;
  /** Called when a handler rejected (before redelivery), for logs and metrics. */
  onHandlerError?: (error: unknown, batch: IncomingMessage[]) => void;
}

export interface Consumer {
  /** Resolves once this member has joined its group and been given its first assignment. */
  readonly ready: Promise<void>;
  /** Stop fetching (backpressure); the group keeps the member and its partitions. */
  pause(): void;
  resume(): void;
  /**
   * Graceful shutdown: lets the batch in progress finish and commits it, commits
   * nothing else, leaves the group. Resolves when done.
   */
  stop(): Promise<void>;
  /** Rejects if the consumer failed for good (not for handler errors, which are retried). */
  readonly done: Promise<void>;
}

/** Where a consumer group stands on one partition of a topic (`Bus.lag`). */
export interface PartitionLag {
  partition: number;
  /** The group's committed position (the next offset it will be handed); `null` when it never committed here. */
  committed: bigint | null;
  /** The partition's end: the offset the next published message will get. */
  end: bigint;
  /**
   * Messages the group has still to handle: `end − committed`, or, when it never
   * committed, every message the partition still holds (as a group starting at
   * `earliest` would see them).
   */
  behind: bigint;
}

export interface Bus {
  /** Creates topics that do not exist yet; existing ones are left as they are. */
  ensureTopics(topics: TopicSpec[]): Promise<void>;
  /** Resolves only when the bus has durably accepted every message (all in-sync replicas on Kafka). */
  publish(topic: string, messages: OutgoingMessage[]): Promise<void>;
  consume(options: ConsumeOptions): Consumer;
  /**
   * Where `groupId` stands on each partition of `topic`, in partition order: a
   * read of committed offsets and partition ends, no group membership needed (for
   * lag metrics and readiness). An unknown topic is a `NotFoundError`
   * (`unknown_topic`); an unreachable bus an `InfrastructureError`.
   */
  lag(groupId: string, topic: string): Promise<PartitionLag[]>;
  close(): Promise<void>;
}
