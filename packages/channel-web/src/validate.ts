import { readContext, readPageFields, type PageFields, type SegmentContext } from './context';
import { isObject, readId, readObject, readString, readTimestamp, type Issues, type JsonObject } from './fields';
import { occurredAt, occurredAtProblem } from './timestamps';

/**
 * One Segment call (identify, track, page, screen, group, alias) checked against the
 * Segment Spec and the HTTP Tracking API
 * (https://segment.com/docs/connections/sources/catalog/libraries/server/http-api/):
 * - `userId` or `anonymousId` is required ("The HTTP API requires that each payload has a
 *   userId and/or anonymousId"); alias needs `userId` and `previousId` instead; group
 *   needs `groupId` as well;
 * - track needs `event` ("All Track events sent to Segment must have an event field");
 * - `messageId` is a string of at most 100 characters;
 * - `properties`, `traits`, `context`, `integrations` are objects; timestamps ISO-8601;
 * - page calls: the reserved properties `url`, `path`, `referrer`, `title`, `search`,
 *   `name`, `category` are strings (Spec: Page → Properties).
 * A wrong type is an issue at its path (`batch[3].properties`); unknown fields are ignored,
 * as Segment does (`writeKey`, `_metadata`, `options`, `version`, `channel`, …).
 */

export const CALL_TYPES = ['identify', 'track', 'page', 'screen', 'group', 'alias'] as const;
export type CallType = (typeof CALL_TYPES)[number];

export const MAX_MESSAGE_ID_LENGTH = 100;
const PAGE_PROPERTIES = ['search', 'name', 'category'] as const;

export interface SegmentCall {
  type: CallType;
  messageId: string | null;
  userId: string | null;
  anonymousId: string | null;
  previousId: string | null;
  groupId: string | null;
  event: string | null;
  name: string | null;
  category: string | null;
  properties: JsonObject;
  traits: JsonObject;
  context: SegmentContext;
  /** For page calls: url/path/referrer/title from `properties` (analytics.js puts them there). */
  pageProperties: PageFields | null;
  /** Epoch ms after clock-skew correction (timestamps.ts). */
  occurredAt: number;
  /** The call as received (before a batch's context was merged in): hashed for ids and `rawSha256`. */
  raw: JsonObject;
  /** `raw` as JSON text (JSON.stringify). */
  rawText: string;
}

export interface CallEnvelope {
  /** `''` for a single call, `batch[3].` for a batch item. */
  prefix: string;
  /** The route's call type; null on /v1/batch, where each item names its `type`. */
  routeType: CallType | null;
  /** A batch's own `context`, merged under each item's ("merged with any context inside each of the items"). */
  batchContext: JsonObject | null;
  /** A batch's `sentAt` (analytics.js and analytics-node send one per batch, not per item). */
  batchSentAt: number | null;
  receivedAt: number;
  /** The call's JSON text when the caller already has it (a batch measures every item). */
  rawText?: string;
}

/** The checked call, or null with the reasons added to `issues`. */
export function validateCall(item: unknown, envelope: CallEnvelope, issues: Issues): SegmentCall | null {
  const { prefix } = envelope;
  const at = (field: string) => `${prefix}${field}`;
  if (!isObject(item)) {
    issues.push({ path: prefix.replace(/\.$/, '') || '(body)', message: 'must be a JSON object' });
    return null;
  }
  const before = issues.length;
  const type = readType(item.type, envelope, issues);
  const messageId = readString(item.messageId, at('messageId'), issues);
  if (messageId !== null && (messageId.trim() === '' || messageId.length > MAX_MESSAGE_ID_LENGTH)) {
    issues.push({ path: at('messageId'), message: `must be 1 to ${MAX_MESSAGE_ID_LENGTH} characters` });
  }
  const call = {
    userId: readId(item.userId, at('userId'), issues),
    anonymousId: readId(item.anonymousId, at('anonymousId'), issues),
    previousId: readId(item.previousId, at('previousId'), issues),
    groupId: readId(item.groupId, at('groupId'), issues),
    event: readString(item.event, at('event'), issues),
    name: readString(item.name, at('name'), issues),
    category: readString(item.category, at('category'), issues),
    properties: readObject(item.properties, at('properties'), issues) ?? {},
    traits: type === 'identify' || type === 'group' ? (readObject(item.traits, at('traits'), issues) ?? {}) : {},
    context: readContext(
      { ...envelope.batchContext, ...readObject(item.context, at('context'), issues) },
      at('context'),
      issues,
    ),
  };
  readObject(item.integrations, at('integrations'), issues);
  const timestamps = {
    timestamp: readTimestamp(item.timestamp, at('timestamp'), issues),
    originalTimestamp: readTimestamp(item.originalTimestamp, at('originalTimestamp'), issues),
    sentAt: readTimestamp(item.sentAt, at('sentAt'), issues) ?? envelope.batchSentAt,
  };
  const pageProperties = type === 'page' ? readPageFields(call.properties, at('properties'), issues) : null;
  if (type === 'page')
    for (const name of PAGE_PROPERTIES) readString(call.properties[name], at(`properties.${name}`), issues);

  // A required field that is there with a wrong type already has its issue.
  const missing = (field: string) => {
    const value = item[field];
    return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
  };
  if (type === 'alias') {
    if (missing('userId')) issues.push({ path: at('userId'), message: 'is required for alias' });
    if (missing('previousId')) issues.push({ path: at('previousId'), message: 'is required for alias' });
  } else if (missing('userId') && missing('anonymousId')) {
    issues.push({ path: at('userId'), message: 'userId or anonymousId is required' });
  }
  if (type === 'group' && missing('groupId')) issues.push({ path: at('groupId'), message: 'is required for group' });
  if (type === 'track' && missing('event')) issues.push({ path: at('event'), message: 'is required for track' });

  const time = occurredAt(timestamps, envelope.receivedAt);
  const problem = occurredAtProblem(time.value, envelope.receivedAt);
  if (problem) issues.push({ path: at(time.from ?? 'timestamp'), message: problem });

  if (type === null || issues.length > before) return null;
  const rawText = envelope.rawText ?? JSON.stringify(item);
  return { type, messageId, ...call, pageProperties, occurredAt: time.value, raw: item, rawText };
}

function readType(value: unknown, envelope: CallEnvelope, issues: Issues): CallType | null {
  const path = `${envelope.prefix}type`;
  const given = readString(value, path, issues);
  if (given !== null && !(CALL_TYPES as readonly string[]).includes(given)) {
    issues.push({ path, message: `must be one of ${CALL_TYPES.join(', ')}` });
    return null;
  }
  if (envelope.routeType !== null) {
    if (given !== null && given !== envelope.routeType) {
      issues.push({ path, message: `must be ${envelope.routeType} on this endpoint (or left out)` });
      return null;
    }
    return envelope.routeType;
  }
  if (given === null) issues.push({ path, message: `is required in a batch: one of ${CALL_TYPES.join(', ')}` });
  return given as CallType | null;
}
