import type { ValidationIssue } from '@c360/errors';
import { EARLIEST_TIMESTAMP, LATEST_TIMESTAMP } from '@c360/touchpoint';

/**
 * One event of the SendGrid Event Webhook, checked field by field.
 * Reference: https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/event
 * (every event carries `email`, `timestamp` (unix seconds), `event`, `sg_event_id`,
 * `sg_message_id`, `smtp-id`, `category` (a string or an array of strings); per type:
 * `url` (click), `reason`/`status`/`type` (bounce), `reason` (dropped), `response`/`attempt`
 * (deferred, delivered), `useragent`/`ip` (open, click), `asm_group_id` (group_unsubscribe);
 * custom args (unique arguments) are top-level keys of their own.
 */

/** SendGrid event name → touchpoint type. group_resubscribe and account events are not mapped (→ quarantine). */
export const SENDGRID_EVENT_TYPES = {
  processed: 'email_processed',
  delivered: 'email_delivered',
  open: 'email_opened',
  click: 'email_clicked',
  bounce: 'email_bounced',
  dropped: 'email_dropped',
  deferred: 'email_deferred',
  spamreport: 'spam_reported',
  unsubscribe: 'unsubscribed',
  group_unsubscribe: 'group_unsubscribed',
} as const;

export type SendgridEventName = keyof typeof SENDGRID_EVENT_TYPES;

/** A checked event: the required fields typed, everything else as received. */
export interface SendgridEvent {
  email: string;
  timestamp: number;
  event: SendgridEventName;
  sg_event_id: string;
  fields: Readonly<Record<string, unknown>>;
}

export type EventCheck =
  | { ok: true; event: SendgridEvent }
  | { ok: false; reason: 'invalid_event' | 'unknown_event_type'; issues: ValidationIssue[] };

const isString = (v: unknown): boolean => typeof v === 'string';
const isNumber = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);
const isStringOrNumber = (v: unknown): boolean => isString(v) || isNumber(v);

/** Optional fields the mapping reads, with the JSON type SendGrid documents; `null` counts as absent. */
const OPTIONAL_FIELDS: Record<string, [check: (v: unknown) => boolean, expected: string]> = {
  sg_message_id: [isString, 'a string'],
  'smtp-id': [isString, 'a string'],
  url: [isString, 'a string'],
  reason: [isString, 'a string'],
  status: [isString, 'a string'],
  type: [isString, 'a string'],
  response: [isString, 'a string'],
  attempt: [isStringOrNumber, 'a string or a number'],
  useragent: [isString, 'a string'],
  ip: [isString, 'a string'],
  bounce_classification: [isString, 'a string'],
  category: [(v) => isString(v) || (Array.isArray(v) && v.every(isString)), 'a string or an array of strings'],
  asm_group_id: [(v) => Number.isInteger(v), 'an integer'],
  sg_machine_open: [(v) => typeof v === 'boolean', 'a boolean'],
  marketing_campaign_id: [isStringOrNumber, 'a string or a number'],
  marketing_campaign_name: [isString, 'a string'],
  singlesend_id: [isString, 'a string'],
  singlesend_name: [isString, 'a string'],
};

/** The same shape touchpoint validation demands of an e-mail identifier. */
const EMAIL = /^[^@\s]+@[^@\s]+$/;

/**
 * Checks one array element. `at` prefixes issue paths (`[3]` in a batch, `` for a lone
 * event). An event name we do not map is `unknown_event_type` — quarantined, never dropped,
 * so a new SendGrid event type is kept until someone maps it.
 */
export function checkSendgridEvent(value: unknown, at: string): EventCheck {
  const path = (field: string) => (at === '' ? field : `${at}.${field}`);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: 'invalid_event', issues: [{ path: at || '(root)', message: 'must be a JSON object' }] };
  }
  const fields = value as Record<string, unknown>;
  const issues: ValidationIssue[] = [];
  const { email, timestamp, event, sg_event_id: eventId } = fields;

  if (typeof email !== 'string' || email.trim() === '')
    issues.push({ path: path('email'), message: 'must be a non-empty string' });
  else if (!EMAIL.test(email.trim())) issues.push({ path: path('email'), message: 'must be an e-mail address' });
  if (typeof timestamp !== 'number' || !Number.isFinite(timestamp)) {
    issues.push({ path: path('timestamp'), message: 'must be a number (unix seconds)' });
  } else if (timestamp * 1000 < EARLIEST_TIMESTAMP || timestamp * 1000 >= LATEST_TIMESTAMP) {
    issues.push({ path: path('timestamp'), message: 'must be unix seconds between 2000-01-01 and 2100-01-01' });
  }
  if (typeof eventId !== 'string' || eventId.trim() === '') {
    // The touchpoint id derives from it; without it a re-sent event could not be recognised.
    issues.push({ path: path('sg_event_id'), message: 'must be a non-empty string' });
  }
  for (const [field, [check, expected]] of Object.entries(OPTIONAL_FIELDS)) {
    const v = fields[field];
    if (v !== undefined && v !== null && !check(v)) issues.push({ path: path(field), message: `must be ${expected}` });
  }

  if (typeof event !== 'string' || event === '') {
    issues.push({ path: path('event'), message: 'must be a non-empty string' });
    return { ok: false, reason: 'invalid_event', issues };
  }
  if (!Object.hasOwn(SENDGRID_EVENT_TYPES, event)) {
    const known = Object.keys(SENDGRID_EVENT_TYPES).join(', ');
    return {
      ok: false,
      reason: 'unknown_event_type',
      issues: [
        { path: path('event'), message: `unknown event type ${JSON.stringify(event)}; mapped: ${known}` },
        ...issues,
      ],
    };
  }
  if (issues.length > 0) return { ok: false, reason: 'invalid_event', issues };
  return {
    ok: true,
    event: {
      email: email as string,
      timestamp: timestamp as number,
      event: event as SendgridEventName,
      sg_event_id: eventId as string,
      fields,
    },
  };
}
