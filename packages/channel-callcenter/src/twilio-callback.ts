import type { ValidationIssue } from '@c360/errors';
import type { IdentityPolicy } from '@c360/identity';
import type { CallDirection, Identifier } from '@c360/touchpoint';
import { phoneIdentifier } from './phone';
import { parseRfc2822 } from './timestamps';

/**
 * One Twilio Voice status callback (form parameters), checked.
 * Reference: https://www.twilio.com/docs/voice/api/call-resource#statuscallback — every
 * callback carries CallSid, AccountSid, From, To, Direction, CallStatus, ApiVersion,
 * Timestamp (RFC 2822), CallbackSource, SequenceNumber; `completed` adds CallDuration
 * (seconds); ParentCallSid, ForwardedFrom, CallerName, SipResponseCode when they apply.
 */
export interface TwilioCall {
  callSid: string;
  status: TerminalStatus;
  direction: CallDirection;
  twilioDirection: string;
  from: string;
  to: string;
  callerNumber: string;
  identifiers: Identifier[];
  endedAt: number;
  durationSeconds: number;
  params: Readonly<Record<string, string>>;
}

/**
 * Statuses that end a call and so make a touchpoint. `canceled` (hung up before an
 * outbound call was answered) ends a call as surely as `no-answer`, so it is one too.
 */
export const TERMINAL_STATUSES = ['completed', 'busy', 'no-answer', 'failed', 'canceled'] as const;
export type TerminalStatus = (typeof TERMINAL_STATUSES)[number];
/** Progress events (call progress callbacks): acknowledged, no touchpoint — the terminal callback follows. */
export const PROGRESS_STATUSES = ['queued', 'initiated', 'ringing', 'in-progress'] as const;

const DIRECTIONS: Readonly<Record<string, CallDirection>> = {
  inbound: 'inbound',
  'outbound-api': 'outbound',
  'outbound-dial': 'outbound',
};
const CALL_SID = /^CA[0-9a-fA-F]{32}$/;

export type TwilioCheck =
  | { kind: 'call'; call: TwilioCall }
  | { kind: 'progress'; status: string }
  | { kind: 'invalid'; reason: 'invalid_callback' | 'unknown_call_status'; issues: ValidationIssue[] };

export function checkTwilioCallback(pairs: [string, string][], policy: IdentityPolicy): TwilioCheck {
  const params = Object.fromEntries(pairs);
  const issues: ValidationIssue[] = [];
  const fail = (path: string, message: string) => void issues.push({ path, message });
  const required = (name: string): string => {
    const v = params[name]?.trim() ?? '';
    if (v === '') fail(name, 'is required');
    return v;
  };

  const status = required('CallStatus');
  if ((PROGRESS_STATUSES as readonly string[]).includes(status)) return { kind: 'progress', status };
  if (status !== '' && !(TERMINAL_STATUSES as readonly string[]).includes(status)) {
    const known = [...PROGRESS_STATUSES, ...TERMINAL_STATUSES].join(', ');
    return {
      kind: 'invalid',
      reason: 'unknown_call_status',
      issues: [{ path: 'CallStatus', message: `unknown status ${JSON.stringify(status)}; known: ${known}` }],
    };
  }
  // The touchpoint id derives from it; without it a re-sent callback could not be recognised.
  const callSid = required('CallSid');
  if (callSid !== '' && !CALL_SID.test(callSid)) fail('CallSid', 'must be CA followed by 32 hex digits');
  const twilioDirection = required('Direction');
  const direction = DIRECTIONS[twilioDirection];
  if (twilioDirection !== '' && !direction) fail('Direction', `must be one of ${Object.keys(DIRECTIONS).join(', ')}`);
  const from = required('From');
  const to = required('To');
  const timestamp = required('Timestamp');
  const parsed = timestamp === '' ? null : parseRfc2822(timestamp);
  if (parsed && 'reason' in parsed) fail('Timestamp', parsed.reason);
  const durationText = params.CallDuration?.trim() ?? '';
  if (durationText === '' && status === 'completed') fail('CallDuration', 'is required for a completed call');
  if (durationText !== '' && !/^\d+$/.test(durationText)) fail('CallDuration', 'must be whole seconds >= 0');
  if (issues.length > 0) return { kind: 'invalid', reason: 'invalid_callback', issues };

  const callerNumber = direction === 'inbound' ? from : to;
  const phone = phoneIdentifier(callerNumber, policy);
  return {
    kind: 'call',
    call: {
      callSid,
      status: status as TerminalStatus,
      direction: direction!,
      twilioDirection,
      from,
      to,
      callerNumber,
      identifiers: phone ? [phone] : [],
      endedAt: (parsed as { ms: number }).ms,
      durationSeconds: durationText === '' ? 0 : Number(durationText),
      params,
    },
  };
}
