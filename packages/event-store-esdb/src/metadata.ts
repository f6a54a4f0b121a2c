/**
 * Stream metadata and soft delete.
 *
 * ESDB keeps a stream's metadata as the last `$metadata` event of its metastream
 * `$$<stream>`: one JSON object whose `$`-prefixed keys are ESDB's own and whose
 * other keys are free. The port's `truncateBefore` is ESDB's `$tb` (ESDB itself
 * hides events below it); `custom` fields are the free keys, stored at the top
 * level as ESDB clients expect. The metastream is read and written directly, not
 * through the client's get/setStreamMetadata, which rename keys (`maxAge` ↔
 * `$maxAge`, …) and would mangle custom fields that happen to share those names.
 *
 * Soft delete is ESDB's: it *replaces* the metadata with `{ "$tb": 2^63-1 }`, the
 * "deleted" marker. Reads then say "not found", and the next append (expected
 * `any`, `no_stream` or the old last revision) recreates the stream with
 * revisions continuing, the server setting `$tb` to the first new revision.
 */
import {
  ANY,
  BACKWARDS,
  END,
  StreamNotFoundError,
  WrongExpectedVersionError,
  jsonEvent,
  metastreamOf,
  type EventStoreDBClient,
  type JSONType,
} from '@eventstore/db-client';
import { ValidationError } from '@c360/errors';
import type { JsonValue, StreamMetadata } from '@c360/event-store';
import { esdbCall, translateError } from './errors';

const TRUNCATE_BEFORE = '$tb';
type RawMetadata = Record<string, unknown>;

/** The last `$metadata` object of the stream, or null when none was ever written. */
async function readRawMetadata(client: EventStoreDBClient, streamId: string): Promise<RawMetadata | null> {
  let raw: RawMetadata | null = null;
  try {
    const read = client.readStream(metastreamOf(streamId), { direction: BACKWARDS, fromRevision: END, maxCount: 1 });
    for await (const resolved of read) {
      const data: unknown = resolved.event?.isJson ? resolved.event.data : undefined;
      raw = typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as RawMetadata) : null;
    }
  } catch (error) {
    if (error instanceof StreamNotFoundError) return null;
    throw translateError(error, { streamId });
  }
  return raw;
}

/**
 * `$tb` beyond the safe-integer range is the soft-delete marker (JSON.parse turns
 * 2^63-1 into an inexact float): not a truncation a caller set, so not reported.
 * Metadata that holds nothing else reads as `null`, as if never set.
 */
export function fromRawMetadata(raw: RawMetadata): StreamMetadata | null {
  const tb = raw[TRUNCATE_BEFORE];
  const custom = Object.fromEntries(Object.entries(raw).filter(([key]) => !key.startsWith('$'))) as Record<
    string,
    JsonValue
  >;
  const truncateBefore = typeof tb === 'number' && Number.isSafeInteger(tb) && tb >= 0 ? BigInt(tb) : undefined;
  const isOnlyDeleteMarker = truncateBefore === undefined && typeof tb === 'number' && Object.keys(raw).length === 1;
  if (isOnlyDeleteMarker) return null;
  return {
    ...(truncateBefore === undefined ? {} : { truncateBefore }),
    ...(Object.keys(custom).length === 0 ? {} : { custom }),
  };
}

export async function getStreamMetadata(client: EventStoreDBClient, streamId: string): Promise<StreamMetadata | null> {
  const raw = await readRawMetadata(client, streamId);
  return raw === null ? null : fromRawMetadata(raw);
}

/**
 * Replaces the port-visible metadata (truncateBefore and custom fields). ESDB-only
 * settings already present (`$acl`, `$maxAge`, `$maxCount`, `$cacheControl`) are
 * carried over, since the port cannot express them.
 */
export async function setStreamMetadata(
  client: EventStoreDBClient,
  streamId: string,
  metadata: StreamMetadata,
): Promise<void> {
  const { truncateBefore, custom = {} } = metadata;
  if (truncateBefore !== undefined && (truncateBefore < 0n || truncateBefore > BigInt(Number.MAX_SAFE_INTEGER))) {
    // ESDB's metadata is JSON read as numbers here; larger values would not round-trip.
    throw ValidationError.forPath('truncateBefore', `must be between 0 and ${Number.MAX_SAFE_INTEGER}`);
  }
  for (const key of Object.keys(custom)) {
    if (key.startsWith('$'))
      throw ValidationError.forPath(`custom.${key}`, "keys starting with '$' are reserved by EventStoreDB");
  }
  const current = (await readRawMetadata(client, streamId)) ?? {};
  const carried = Object.fromEntries(
    Object.entries(current).filter(([key]) => key.startsWith('$') && key !== TRUNCATE_BEFORE),
  );
  const raw = {
    ...carried,
    ...custom,
    ...(truncateBefore === undefined ? {} : { [TRUNCATE_BEFORE]: Number(truncateBefore) }),
  };
  await esdbCall(
    () =>
      client.appendToStream(metastreamOf(streamId), jsonEvent({ type: '$metadata', data: raw as JSONType }), {
        expectedRevision: ANY,
      }),
    { streamId },
  );
}

/**
 * Soft delete; a no-op when the stream has no readable events (never written, or
 * already deleted). Checking first also keeps ESDB from replacing the metadata of
 * a stream that has metadata but no events.
 */
export async function deleteStream(client: EventStoreDBClient, streamId: string): Promise<void> {
  if (!(await hasEvents(client, streamId))) return;
  try {
    await client.deleteStream(streamId, { expectedRevision: ANY });
  } catch (error) {
    // ESDB reports "nothing to delete" as not-found or, even with `any`, as a wrong
    // expected version; a concurrent delete can get here after the check above.
    if (error instanceof StreamNotFoundError || error instanceof WrongExpectedVersionError) return;
    throw translateError(error, { streamId });
  }
}

async function hasEvents(client: EventStoreDBClient, streamId: string): Promise<boolean> {
  let found = false;
  try {
    // Drained rather than left early (it is one event at most), so no stream is abandoned mid-read.
    for await (const resolved of client.readStream(streamId, {
      direction: BACKWARDS,
      fromRevision: END,
      maxCount: 1,
    })) {
      found ||= resolved.event !== undefined;
    }
    return found;
  } catch (error) {
    if (error instanceof StreamNotFoundError) return false;
    throw translateError(error, { streamId });
  }
}
