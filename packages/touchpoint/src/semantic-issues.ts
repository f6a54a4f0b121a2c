import type { ValidationIssue } from '@c360/errors';
import { formatPath, type PathSegment } from './paths';
import { touchpointId, touchpointIdIssues } from './touchpoint-id';
import { PAYLOAD_BRANCH, type Touchpoint } from './types';
import { unwrapPayload } from './payload';

/**
 * Rules the schema cannot state. Runs only on a value that already matches the
 * schema structurally (so every field is there with the right type). Works for a
 * value of any version: fields a version lacks are skipped.
 */

/** occurredAt/receivedAt must fall in [2000-01-01, 2100-01-01) UTC: catches seconds-vs-millis and zero dates. */
export const EARLIEST_TIMESTAMP = Date.UTC(2000, 0, 1);
export const LATEST_TIMESTAMP = Date.UTC(2100, 0, 1);
/** How far occurredAt may lie after receivedAt (a source's clock ahead of ours). */
export const MAX_CLOCK_SKEW_MS = 24 * 60 * 60 * 1000;

const SNAKE_CASE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;
const E164 = /^\+[1-9][0-9]{6,14}$/;
const CURRENCY = /^[A-Z]{3}$/;
const BCP47 = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;

export function semanticIssues(tp: Touchpoint): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const add = (path: PathSegment[], message: string): void => void issues.push({ path: formatPath(path), message });

  const sourceIssues = touchpointIdIssues(tp.source, 'source.');
  issues.push(...sourceIssues);
  if (tp.touchpointId.trim() === '') add(['touchpointId'], 'must be non-empty');
  else if (sourceIssues.length === 0) {
    const expected = touchpointId(tp.source);
    if (tp.touchpointId !== expected) add(['touchpointId'], `must be touchpointId(source) = ${expected}`);
  }
  if (!SHA256_HEX.test(tp.source.rawSha256)) add(['source', 'rawSha256'], 'must be 64 lower-case hex digits');
  if (tp.source.adapter.trim() === '') add(['source', 'adapter'], 'must be non-empty');
  if (tp.source.adapterVersion.trim() === '') add(['source', 'adapterVersion'], 'must be non-empty');
  if (!SNAKE_CASE.test(tp.type)) add(['type'], 'must be snake_case, e.g. order_placed');

  for (const field of ['occurredAt', 'receivedAt'] as const) {
    if (tp[field] < EARLIEST_TIMESTAMP || tp[field] >= LATEST_TIMESTAMP) {
      add([field], 'must be epoch milliseconds between 2000-01-01 and 2100-01-01');
    }
  }
  if (tp.occurredAt > tp.receivedAt + MAX_CLOCK_SKEW_MS)
    add(['occurredAt'], 'must not be more than 24h after receivedAt');

  tp.identifiers.forEach((id, i) => {
    const message = identifierProblem(id.type, id.value);
    if (message) add(['identifiers', i, 'value'], message);
  });
  checkJsonTexts(tp.traits, ['traits'], add);
  if (tp.context) checkJsonTexts(tp.context, ['context'], add);
  if (typeof tp.locale === 'string' && !BCP47.test(tp.locale))
    add(['locale'], 'must be a BCP 47 language tag, e.g. de-CH');

  const payload = unwrapPayload(tp.payload);
  if (payload && payload.channel !== tp.channel) {
    add(
      ['payload'],
      `channel ${tp.channel} needs a ${PAYLOAD_BRANCH[tp.channel]} payload, got ${PAYLOAD_BRANCH[payload.channel]}`,
    );
  }
  if (payload?.channel === 'web') checkJsonTexts(payload.payload.properties, ['payload', 'properties'], add);
  if (payload?.channel === 'call_center') {
    const call = payload.payload;
    if (call.endedAt !== null && call.endedAt < call.startedAt)
      add(['payload', 'endedAt'], 'must not be before startedAt');
    if (call.talkSeconds < 0) add(['payload', 'talkSeconds'], 'must be >= 0');
    if (call.holdSeconds < 0) add(['payload', 'holdSeconds'], 'must be >= 0');
  }
  if (payload?.channel === 'pos') {
    const receipt = payload.payload;
    if (!CURRENCY.test(receipt.currency)) add(['payload', 'currency'], 'must be an ISO 4217 code, e.g. EUR');
    receipt.lines.forEach((line, i) => {
      if (line.currency !== receipt.currency)
        add(['payload', 'lines', i, 'currency'], `must equal the receipt currency ${receipt.currency}`);
      if (line.unitPrice < 0)
        add(['payload', 'lines', i, 'unitPrice'], 'must be >= 0 (a return has a negative quantity)');
      if (line.quantity === 0) add(['payload', 'lines', i, 'quantity'], 'must not be 0');
    });
  }
  return issues;
}

function identifierProblem(type: string, value: string): string | undefined {
  if (value.trim() === '') return 'must be non-empty';
  if (value !== value.trim()) return 'must be normalised (no surrounding whitespace)';
  if (type === 'email' && value !== value.toLowerCase()) return 'e-mail must be lower-cased';
  if (type === 'email' && !/^[^@\s]+@[^@\s]+$/.test(value)) return 'must be an e-mail address';
  if (type === 'phone' && !E164.test(value)) return 'phone must be E.164, e.g. +41446681800';
  if (type === 'hashed_email' && !SHA256_HEX.test(value)) return 'must be 64 lower-case hex digits (SHA-256)';
  return undefined;
}

function checkJsonTexts(
  map: Record<string, string>,
  at: PathSegment[],
  add: (path: PathSegment[], message: string) => void,
): void {
  for (const [key, text] of Object.entries(map)) {
    try {
      JSON.parse(text);
    } catch {
      add([...at, key], 'must be a JSON text (e.g. "\\"gold\\"" or "42"); use toJsonTextMap');
    }
  }
}
