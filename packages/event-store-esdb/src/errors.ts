/**
 * Translation of @eventstore/db-client errors into the platform's hierarchy. Every
 * call into the client goes through `translateError`, so no vendor error type
 * leaves this package.
 */
import {
  AccessDeniedError,
  CancelledError,
  DeadlineExceededError,
  InvalidArgumentError,
  MaxAppendSizeExceededError,
  NotLeaderError,
  StreamDeletedError,
  StreamNotFoundError,
  TimeoutError,
  UnavailableError,
  UnknownError,
  WrongExpectedVersionError,
  isCommandError,
} from '@eventstore/db-client';
import { C360Error, ConcurrencyError, InfrastructureError, NotFoundError, ValidationError } from '@c360/errors';
import type { ExpectedRevision } from '@c360/event-store';

/** `-1` stands for "no stream", as in the PostgreSQL adapter's details. */
const revisionText = (revision: bigint | string): string => (revision === 'no_stream' ? '-1' : String(revision));

export function concurrencyError(
  streamId: string,
  expected: ExpectedRevision,
  actual: bigint | 'no_stream' | undefined,
  cause?: unknown,
): ConcurrencyError {
  const actualText = actual === undefined ? 'unknown' : revisionText(actual);
  return new ConcurrencyError(
    `stream ${streamId}: expected revision ${String(expected)}, actual ${actual === undefined ? 'unknown' : String(actual)}`,
    { details: { streamId, expected: String(expected), actual: actualText }, cause },
  );
}

/**
 * Maps a client error to ours. Programming errors (TypeError and friends, which
 * are neither client nor gRPC errors) pass through untouched: retrying them can
 * never help, and wrapping them would hide the stack that matters.
 */
export function translateError(
  error: unknown,
  context: { streamId?: string; expected?: ExpectedRevision } = {},
): unknown {
  if (error instanceof C360Error) return error;
  if (error instanceof WrongExpectedVersionError) {
    return concurrencyError(
      context.streamId ?? error.streamName,
      context.expected ?? 'any',
      error.actualVersion,
      error,
    );
  }
  if (error instanceof StreamDeletedError) {
    // Only a tombstone (hard delete) says this; this adapter never writes one.
    return new NotFoundError(`stream ${error.streamName || context.streamId} was hard-deleted (tombstoned)`, {
      code: 'stream_deleted',
      details: { streamId: error.streamName || context.streamId },
      cause: error,
    });
  }
  if (error instanceof StreamNotFoundError) {
    // Reads turn this into `[]` before it gets here; anywhere else it is a plain not-found.
    return new NotFoundError(`stream ${error.streamName || context.streamId} not found`, { cause: error });
  }
  if (error instanceof MaxAppendSizeExceededError) {
    return new ValidationError(`append larger than the server's limit of ${error.maxAppendSize} bytes`, {
      code: 'append_too_large',
      cause: error,
    });
  }
  if (error instanceof InvalidArgumentError) return new ValidationError(error.message, { cause: error });
  if (error instanceof AccessDeniedError) {
    return new InfrastructureError(`EventStoreDB denied access: ${error.message}`, { retriable: false, cause: error });
  }
  if (
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    error instanceof TimeoutError ||
    error instanceof NotLeaderError ||
    error instanceof CancelledError
  ) {
    return new InfrastructureError(`EventStoreDB unavailable: ${error.message}`, { retriable: true, cause: error });
  }
  if (error instanceof UnknownError && (error.code === 3 || error.code === 11)) {
    // gRPC INVALID_ARGUMENT / OUT_OF_RANGE, e.g. a read-all position that is not a record boundary.
    return new ValidationError(`EventStoreDB rejected the request: ${error.message}`, { cause: error });
  }
  if (error instanceof UnknownError) {
    // The client's catch-all for gRPC statuses it does not classify (INTERNAL, RESOURCE_EXHAUSTED, …).
    return new InfrastructureError(`EventStoreDB failed: ${error.message}`, { retriable: true, cause: error });
  }
  if (error instanceof Error && isCommandError(error)) {
    return new InfrastructureError(`EventStoreDB error: ${error.message}`, { retriable: false, cause: error });
  }
  // Connection-level failures that are not command errors: gRPC status errors
  // the client did not classify, and cluster discovery giving up.
  if (
    error instanceof Error &&
    (typeof (error as { code?: unknown }).code === 'number' || /discover/i.test(error.message))
  ) {
    return new InfrastructureError(`EventStoreDB unreachable: ${error.message}`, { retriable: true, cause: error });
  }
  return error;
}

/** Runs `fn`, translating whatever the client throws. */
export async function esdbCall<T>(
  fn: () => Promise<T>,
  context: { streamId?: string; expected?: ExpectedRevision } = {},
): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw translateError(error, context);
  }
}
