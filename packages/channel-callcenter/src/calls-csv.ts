import {
  CARD_NUMBER_MESSAGE,
  containsCardNumber,
  csvPath,
  redactCardNumbers,
  sha256Hex,
  type CsvFormat,
  type CsvOutcome,
} from '@c360/channels';
import type { CsvRow } from '@c360/channels';
import type { ValidationIssue } from '@c360/errors';
import type { IdentityPolicy } from '@c360/identity';
import {
  CALL_CATEGORIES,
  CALL_DIRECTIONS,
  type CallCategory,
  type CallDirection,
  type Identifier,
} from '@c360/touchpoint';
import { callTouchpoint } from './call-mapping';
import { otherIdentifier, phoneIdentifier } from './phone';
import { parseIso8601 } from './timestamps';

/**
 * Call-detail CSV (`POST /v1/callcenter/calls.csv`): one call per row, a header row naming
 * the columns (any order). Columns — all present in the header, values blank where noted:
 *
 * | column | value |
 * |---|---|
 * | call_id | required; the exporting system's id of the call (with the source, the touchpoint id) |
 * | caller_number | the customer's number; E.164 phone identifier with the default region, blank or unparseable (withheld) → none |
 * | direction | required: inbound or outbound |
 * | queue, agent | optional text (agent → agentId) |
 * | started_at | required: ISO 8601 with seconds and a zone, e.g. 2026-03-14T09:15:02Z |
 * | ended_at | optional, same form, not before started_at |
 * | talk_seconds, hold_seconds | whole seconds; blank is 0 |
 * | disposition | optional text; a resolution (resolved, closed, fixed, solved…) closes the customer's oldest open complaint |
 * | category | purchase, information, consultation or complaint (opens a complaint); blank is information |
 * | notes | optional text |
 * | email, customer_id | optional columns: e-mail and customer_number identifiers |
 *
 * Exactly what a CTR carries, mapped by the same code: `complaint_logged` for a complaint,
 * `call_completed` otherwise. Free text (queue, agent, disposition, notes) holding a card
 * number is refused: the row is quarantined with the digits redacted.
 */
export const CALL_CSV_COLUMNS = {
  required: [
    'call_id',
    'caller_number',
    'direction',
    'queue',
    'agent',
    'started_at',
    'ended_at',
    'talk_seconds',
    'hold_seconds',
    'disposition',
    'category',
    'notes',
  ],
  optional: ['email', 'customer_id'],
} as const;

const FREE_TEXT = ['queue', 'agent', 'disposition', 'notes'] as const;

export interface CallCsvOptions {
  adapter: string;
  adapterVersion: string;
  /** `source.system` of every touchpoint. */
  system: string;
  policy: IdentityPolicy;
}

export function callCsvFormat(options: CallCsvOptions): CsvFormat {
  return {
    adapter: options.adapter,
    channel: 'call_center',
    columns: CALL_CSV_COLUMNS,
    mapper: ({ source, receivedAt }) => ({
      row: (row) => [callOutcome(row, source.id, receivedAt, options)],
      end: () => [],
    }),
  };
}

function callOutcome(row: CsvRow, sourceKeyId: string, receivedAt: number, options: CallCsvOptions): CsvOutcome {
  const base = { line: row.line };
  if (row.issues.length > 0)
    return { ...base, kind: 'rejected', reason: 'invalid_row', issues: row.issues, text: row.text };
  const cards = FREE_TEXT.filter((column) => containsCardNumber(row.values[column] ?? ''));
  if (cards.length > 0) {
    const issues = cards.map((column) => ({ path: csvPath(row.line, column), message: CARD_NUMBER_MESSAGE }));
    return { ...base, kind: 'rejected', reason: 'card_number_refused', issues, text: redactCardNumbers(row.text) };
  }
  const checked = checkCall(row, options.policy);
  if ('issues' in checked)
    return { ...base, kind: 'rejected', reason: 'invalid_call', issues: checked.issues, text: row.text };
  const touchpoint = callTouchpoint(
    {
      // Per source: two systems' exports may both number their calls from 1.
      sourceId: `${sourceKeyId}/${checked.callId}`,
      identifiers: checked.identifiers,
      context: { callerNumber: checked.callerNumber ?? undefined, callId: checked.callId },
      payload: checked.payload,
    },
    {
      system: options.system,
      adapter: options.adapter,
      adapterVersion: options.adapterVersion,
      rawSha256: sha256Hex(row.text),
      receivedAt,
    },
  );
  return { ...base, kind: 'touchpoint', touchpoint, text: row.text };
}

type CheckedCall =
  | {
      callId: string;
      callerNumber: string | null;
      identifiers: Identifier[];
      payload: Parameters<typeof callTouchpoint>[0]['payload'];
    }
  | { issues: ValidationIssue[] };

function checkCall(row: CsvRow, policy: IdentityPolicy): CheckedCall {
  const issues: ValidationIssue[] = [];
  const fail = (column: string, message: string): null => {
    issues.push({ path: csvPath(row.line, column), message });
    return null;
  };
  const text = (column: string): string | null => {
    const value = row.values[column]?.trim() ?? '';
    return value === '' ? null : value;
  };
  const required = (column: string): string | null => text(column) ?? fail(column, 'is required');
  const oneOf = <T extends string>(column: string, allowed: readonly T[], value: string | null): T | null => {
    if (value === null) return null;
    const lower = value.toLowerCase();
    return (allowed as readonly string[]).includes(lower)
      ? (lower as T)
      : fail(column, `must be one of ${allowed.join(', ')}`);
  };
  const timestamp = (column: string, value: string | null): number | null => {
    if (value === null) return null;
    const parsed = parseIso8601(value);
    return 'ms' in parsed ? parsed.ms : fail(column, parsed.reason);
  };
  const seconds = (column: string): number => {
    const value = text(column);
    if (value === null) return 0;
    return /^\d{1,9}$/.test(value) ? Number(value) : (fail(column, 'must be whole seconds >= 0') ?? 0);
  };

  const callId = required('call_id');
  const direction = oneOf<CallDirection>('direction', CALL_DIRECTIONS, required('direction'));
  const startedAt = timestamp('started_at', required('started_at'));
  const endedAt = timestamp('ended_at', text('ended_at'));
  if (startedAt !== null && endedAt !== null && endedAt < startedAt) fail('ended_at', 'must not be before started_at');
  const talkSeconds = seconds('talk_seconds');
  const holdSeconds = seconds('hold_seconds');
  const category = oneOf<CallCategory>('category', CALL_CATEGORIES, text('category')) ?? 'information';

  const callerNumber = text('caller_number');
  const identifiers: Identifier[] = [];
  const phone = phoneIdentifier(callerNumber, policy);
  if (phone) identifiers.push(phone);
  for (const [column, type] of [
    ['email', 'email'],
    ['customer_id', 'customer_number'],
  ] as const) {
    const value = text(column);
    if (value === null) continue;
    const identifier = otherIdentifier(type, value, policy);
    if (typeof identifier === 'string') fail(column, identifier);
    else identifiers.push(identifier);
  }
  if (issues.length > 0) return { issues };
  return {
    callId: callId!,
    callerNumber,
    identifiers,
    payload: {
      direction: direction!,
      queue: text('queue'),
      agentId: text('agent'),
      agentName: null,
      startedAt: startedAt!,
      endedAt,
      talkSeconds,
      holdSeconds,
      disposition: text('disposition'),
      category,
      notes: text('notes'),
    },
  };
}
