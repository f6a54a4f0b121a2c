/**
 * The event store port: the system of record of the platform. One interface,
 * several adapters (PostgreSQL on a server or PGlite, EventStoreDB/KurrentDB),
 * one contract suite (`@c360/event-store/testing`) that every adapter must pass.
 *
 * Errors: a failed expected-revision check throws `ConcurrencyError`; a stream
 * that does not exist (or was soft-deleted) is *not* an error when reading — the
 * read returns `[]`; bad arguments throw `ValidationError`; driver failures
 * throw `InfrastructureError` (with `retriable`).
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Metadata carried by every event. Free fields are kept as given. */
export interface EventMetadata {
  /** What caused this event: a touchpointId or a command id. */
  causationId?: string;
  /** Groups every event that one business operation produced. */
  correlationId?: string;
  [field: string]: JsonValue | undefined;
}

/** An event to append. `id` is the idempotency key within its stream (a UUID). */
export interface NewEvent<Type extends string = string, Data extends JsonValue = JsonValue> {
  id: string;
  type: Type;
  data: Data;
  metadata?: EventMetadata;
}

/** An event as stored. */
export interface RecordedEvent<Type extends string = string, Data extends JsonValue = JsonValue> {
  id: string;
  type: Type;
  data: Data;
  metadata: EventMetadata;
  streamId: string;
  /** 0-based position of the event in its stream. */
  streamRevision: bigint;
  /** Position in the store-wide log; strictly increasing in read-all order. */
  globalPosition: bigint;
  recordedAt: Date;
}

/**
 * Expected state of the stream before an append:
 * - `any`: no check;
 * - `no_stream`: the stream must not exist (a soft-deleted stream counts as not existing);
 * - `stream_exists`: the stream must hold at least one event;
 * - a bigint: the revision of the stream's last event must be exactly this.
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

export interface AppendResult {
  /** Revision of the last event now in the stream. */
  nextExpectedRevision: bigint;
  /** Global position of the last event appended (or, for an idempotent replay, of the last one already stored). */
  position: bigint;
}

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** Inclusive start revision; defaults to the first (forwards) or last (backwards) event. */
  fromRevision?: bigint;
  /** At most this many events (default: all). */
  limit?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this global position. `0n`/absent means from the start. */
  after?: bigint;
  /** Batch size: at most this many events (default 1000). */
  limit?: number;
}

export interface StreamMetadata {
  /** Events with a lower revision are no longer readable from the stream. */
  truncateBefore?: bigint;
  /** Any other fields, kept as given. */
  custom?: Record<string, JsonValue>;
}

export interface SubscribeToAllOptions {
  /** Exclusive checkpoint: deliver events strictly after this global position. */
  after?: bigint;
  /** Max events per handler call. */
  batchSize?: number;
  /**
   * Called with consecutive batches in global order. The next batch is read only
   * after the returned promise resolves; a rejection stops the subscription and
   * is reported through `Subscription.done`.
   */
  handler: (events: RecordedEvent[]) => Promise<void>;
}

export interface Subscription {
  /** Stop after the batch in progress; resolves when stopped. */
  stop(): Promise<void>;
  /** Resolves when stopped by `stop()`, rejects when the handler or the store failed. */
  readonly done: Promise<void>;
  /** Global position of the last event handed to the handler and completed. */
  readonly checkpoint: bigint;
}

export interface EventStore {
  /**
   * Appends events atomically. Events whose ids are all already stored in the
   * stream make the call a no-op that reports success (idempotent retry).
   */
  appendToStream(
    streamId: string,
    events: NewEvent[],
    options?: { expectedRevision?: ExpectedRevision },
  ): Promise<AppendResult>;

  /** Events of one stream; `[]` when the stream does not exist or was deleted. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /** One batch of the store-wide log, in global order. `[]` means caught up. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;

  /**
   * Catch-up subscription: replays from the checkpoint, then turns live. Never
   * skips and never reorders: the handler sees exactly the read-all sequence.
   */
  subscribeToAll(options: SubscribeToAllOptions): Subscription;

  /** Current stream metadata; `null` when none was ever set. */
  getStreamMetadata(streamId: string): Promise<StreamMetadata | null>;
  setStreamMetadata(streamId: string, metadata: StreamMetadata): Promise<void>;

  /**
   * Soft delete: the stream reads as not existing; appending again (expected
   * `any` or `no_stream`) recreates it with revisions continuing after the old
   * last revision. Returns without error when the stream does not exist.
   */
  deleteStream(streamId: string): Promise<void>;

  /** Releases connections and stops subscriptions. */
  close(): Promise<void>;
}
