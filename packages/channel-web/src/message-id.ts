import { sha256Hex } from '@c360/channels';
import type { JsonValue } from '@c360/touchpoint';
import type { JsonObject } from './fields';

/**
 * The source id of a call: its `messageId` — Segment's own dedupe key, set by every Segment
 * library — so a retried request yields the same touchpoint ids.
 *
 * A call without one (a hand-written HTTP API request) gets `sha256:<hex>`: SHA-256 of the
 * call's canonical JSON — object keys sorted at every depth, no whitespace — without the
 * fields that change when the same call is sent again: `writeKey`, `sentAt` (set per
 * attempt) and `_metadata` (analytics.js counts retries in it). Nothing random, so a
 * retry maps to the same touchpoint. Two identical calls without messageId are one
 * touchpoint: nothing tells them apart, and a double-fire is the likelier cause.
 */

const VOLATILE = new Set(['writeKey', 'sentAt', '_metadata']);

export function sourceIdOf(call: { messageId: string | null; raw: JsonObject }): string {
  return call.messageId ?? `sha256:${sha256Hex(canonicalJson(withoutVolatile(call.raw)))}`;
}

const withoutVolatile = (raw: JsonObject): JsonObject =>
  Object.fromEntries(Object.entries(raw).filter(([key]) => !VOLATILE.has(key)));

/** JSON text with object keys sorted (Array#sort: UTF-16 code-unit order) at every depth. */
export function canonicalJson(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key]!)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
