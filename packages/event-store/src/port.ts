/**
 * The event store port: the system of record of the platform. One interface,
 * several adapters (PostgreSQL on a server or PGlite, EventStoreDB/KurrentDB),
 * one contract suite (`@c360/event-store/testing`) that every adapter must pass.
 *
 * Errors: a failed expected-revision check throws `ConcurrencyError`; a stream
 * that does not exist (or was soft-deleted) is *not* an error when reading — the
 * read returns `[]` (`readStreams` leaves it out of its map); bad arguments throw
 * `ValidationError`; driver failures throw `InfrastructureError` (with `retriable`).
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

/** One request of a multi-stream batch append (`EventStore.appendMany`). */
export interface AppendRequest {
  streamId: string;
  events: NewEvent[];
  /** As for `appendToStream`; default `any`. */
  expectedRevision?: ExpectedRevision;
}

/** What an adapter guarantees beyond the common contract. */
export interface EventStoreCapabilities {
  /**
   * `true`: `appendMany` writes every request of a batch or none of them.
   * `false`: a failed batch may leave some of its other requests written.
   */
  readonly atomicMultiStreamAppend: boolean;
}

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** Inclusive start revision; defaults to the first (forwards) or last (backwards) event. */
  fromRevision?: bigint;
  /** At most this many events (default: all). */
  limit?: number;
}

export interface ReadStreamsOptions {
  /** At most this many events per stream, from its first readable event (default: all). */
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
  readonly capabilities: EventStoreCapabilities;

  /**
   * Appends events atomically. Events whose ids are all already stored in the
   * stream make the call a no-op that reports success (idempotent retry).
   */
  appendToStream(
    streamId: string,
    events: NewEvent[],
    options?: { expectedRevision?: ExpectedRevision },
  ): Promise<AppendResult>;

  /**
   * Multi-stream batch append: each request with the semantics of `appendToStream`
   * (expected revision, idempotent replay), applied in request order — several
   * requests for one stream are allowed, each sees the ones before it. Resolves
   * with one result per request, in request order; `[]` for no requests.
   *
   * Errors: every request is validated before anything is written, so a
   * `ValidationError` (its issue paths start with `requests[i].`) leaves the store
   * unchanged. A failed request rejects the call with its error, which names it
   * in `details.requestIndex` and `details.streamId` — always for a
   * `ConcurrencyError`, for other errors where the adapter can tell. Whether the
   * other requests of a failed batch were written depends on
   * `capabilities.atomicMultiStreamAppend`: when it is `false`, some may have been,
   * so the caller retries the whole batch and relies on the idempotent replay.
   */
  appendMany(requests: readonly AppendRequest[]): Promise<AppendResult[]>;

  /** Events of one stream; `[]` when the stream does not exist or was deleted. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /**
   * Several streams read forwards in one call, each exactly as `readStream` reads
   * it (soft delete and `truncateBefore` honoured), at most `limit` events each.
   * A stream with no readable event — never written, soft-deleted, truncated past
   * its end — is absent from the map, never mapped to `[]`. Keys follow the
   * first appearance of each id in `streamIds`; a repeated id is read once. The
   * streams need not be read at one instant (an adapter may read them one by
   * one). A negative or fractional `limit` is a `ValidationError`.
   */
  readStreams(streamIds: readonly string[], options?: ReadStreamsOptions): Promise<Map<string, RecordedEvent[]>>;

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
