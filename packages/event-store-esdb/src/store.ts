import { EventStoreDBClient } from '@eventstore/db-client';
import { ValidationError } from '@c360/errors';
import type { EventStore, Subscription } from '@c360/event-store';
import { appendToStream } from './append';
import { appendMany } from './append-many';
import { deleteStream, getStreamMetadata, setStreamMetadata } from './metadata';
import { readAll, readStream, readStreams } from './read';
import { subscribeToAll } from './subscription';

export type EsdbEventStoreOptions =
  /** e.g. `esdb://localhost:2113?tls=false`; the store owns the client and disposes it on `close()`. */
  | { connectionString: string }
  /** A client the caller owns: `close()` stops subscriptions but leaves the client open. */
  | { client: EventStoreDBClient };

/**
 * The event store on EventStoreDB / KurrentDB through @eventstore/db-client.
 * Positions, idempotency, metadata and deletes follow ESDB's own mechanisms;
 * see convert.ts, append.ts and metadata.ts for how they meet the port.
 */
export function getEsdbEventStore(options: EsdbEventStoreOptions): EventStore {
  const ownsClient = 'connectionString' in options;
  const client = ownsClient ? connect(options.connectionString) : options.client;
  const subscriptions = new Set<Subscription>();
  let closed = false;

  return {
    // No multi-stream transactions in ESDB: appendMany pipelines (see append-many.ts).
    capabilities: { atomicMultiStreamAppend: false },

    appendToStream: (streamId, events, appendOptions = {}) =>
      appendToStream(client, streamId, events, appendOptions.expectedRevision ?? 'any'),

    appendMany: (requests) => appendMany(client, requests),

    readStream: (streamId, readOptions) => readStream(client, streamId, readOptions),

    readStreams: (streamIds, readOptions) => readStreams(client, streamIds, readOptions),

    readAll: (readOptions) => readAll(client, readOptions),

    subscribeToAll(subscribeOptions) {
      const subscription = subscribeToAll(client, subscribeOptions);
      subscriptions.add(subscription);
      void subscription.done.catch(() => undefined).finally(() => subscriptions.delete(subscription));
      return subscription;
    },

    getStreamMetadata: (streamId) => getStreamMetadata(client, streamId),

    setStreamMetadata: (streamId, metadata) => setStreamMetadata(client, streamId, metadata),

    deleteStream: (streamId) => deleteStream(client, streamId),

    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([...subscriptions].map((subscription) => subscription.stop()));
      if (ownsClient) await client.dispose();
    },
  };
}

/** Parses the connection string now, so a malformed one fails at start-up, not on first use. */
function connect(connectionString: string): EventStoreDBClient {
  try {
    return EventStoreDBClient.connectionString(connectionString);
  } catch (error) {
    throw new ValidationError(`invalid EventStoreDB connection string: ${(error as Error).message}`, {
      code: 'invalid_connection_string',
      cause: error,
    });
  }
}
