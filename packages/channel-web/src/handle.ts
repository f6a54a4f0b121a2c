import type { Request } from 'express';
import { ValidationError } from '@c360/errors';
import type { Touchpoint } from '@c360/touchpoint';
import { readContext } from './context';
import { isObject, readObject, readTimestamp, type Issues, type JsonObject } from './fields';
import { toTouchpoint, type MapOptions } from './map';
import { MAX_CALL_BYTES, type RouteKind } from './routes';
import { validateCall, type SegmentCall } from './validate';

/** Segment's API allows at most 2,500 calls per batch (HTTP API → Errors). */
export const MAX_BATCH_CALLS = 2500;

/**
 * A parsed request body → touchpoints, all or nothing: every call is checked first, and one
 * bad call fails the whole request with a ValidationError naming each bad path
 * (`batch[2].event`), so nothing of it is published. A batch item over 32 KB (serialized,
 * as Segment's libraries measure it) fails with code `payload_too_large` (413) naming it.
 */
export function touchpointsOf(
  body: unknown,
  options: { kind: RouteKind; map: Omit<MapOptions, 'receivedAt'>; receivedAt: number },
): Touchpoint[] {
  if (!isObject(body)) throw ValidationError.forPath('(body)', 'must be a JSON object');
  const { kind, receivedAt } = options;
  const issues: Issues = [];
  const single = { prefix: '', routeType: kind === 'batch' ? null : kind, batchContext: null, batchSentAt: null };
  const calls =
    kind === 'batch' ? batchCalls(body, receivedAt, issues) : [validateCall(body, { ...single, receivedAt }, issues)];
  if (issues.length > 0) {
    throw new ValidationError(`invalid Segment call: ${issues[0]!.path}: ${issues[0]!.message}`, { issues });
  }
  // validateCall returns null only with an issue, so every call is here.
  return calls.flatMap((call) => (call ? [toTouchpoint(call, { ...options.map, receivedAt })] : []));
}

function batchCalls(body: JsonObject, receivedAt: number, issues: Issues): (SegmentCall | null)[] {
  const items = body.batch;
  if (!Array.isArray(items)) throw ValidationError.forPath('batch', 'must be an array of calls');
  if (items.length > MAX_BATCH_CALLS)
    throw ValidationError.forPath('batch', `must hold at most ${MAX_BATCH_CALLS} calls`);
  // Each item's JSON text, once: measured here, hashed into `source.rawSha256` later.
  const texts = items.map((item) => JSON.stringify(item) ?? '');
  const tooLarge = texts.flatMap((text, index) =>
    Buffer.byteLength(text) > MAX_CALL_BYTES
      ? [{ path: `batch[${index}]`, message: `is larger than ${MAX_CALL_BYTES} bytes (Segment's limit per call)` }]
      : [],
  );
  if (tooLarge.length > 0) {
    throw new ValidationError(`${tooLarge[0]!.path}: ${tooLarge[0]!.message}`, {
      code: 'payload_too_large',
      issues: tooLarge,
    });
  }
  const batchContext = readObject(body.context, 'context', issues);
  readContext(batchContext, 'context', issues);
  const batchSentAt = readTimestamp(body.sentAt, 'sentAt', issues);
  readObject(body.integrations, 'integrations', issues);
  if (issues.length > 0) return [];
  return items.map((item, index) =>
    validateCall(
      item,
      { prefix: `batch[${index}].`, routeType: null, batchContext, batchSentAt, receivedAt, rawText: texts[index] },
      issues,
    ),
  );
}

/** How many calls a request carried, for the rejected counter: a batch's length, else one. */
export function callCount(request: Request): number {
  const batch = (request.body as { batch?: unknown } | undefined)?.batch;
  return Array.isArray(batch) && batch.length > 0 ? batch.length : 1;
}
