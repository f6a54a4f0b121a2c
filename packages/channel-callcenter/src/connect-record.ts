import type { ValidationIssue } from '@c360/errors';
import type { IdentityPolicy } from '@c360/identity';
import { CALL_CATEGORIES, type CallCategory, type CallDirection, type Identifier } from '@c360/touchpoint';
import { isObject, Reader, type JsonObject } from './fields';
import { otherIdentifier, phoneIdentifier } from './phone';
import { parseIso8601 } from './timestamps';

/**
 * One Amazon Connect contact trace record, checked field by field.
 * Reference: https://docs.aws.amazon.com/connect/latest/adminguide/ctr-data-model.html
 * Read: ContactId, InitiationMethod, Channel, CustomerEndpoint, SystemEndpoint, Queue.Name,
 * Agent.{Username, ARN, AgentInteractionDuration, CustomerHoldDuration}, InitiationTimestamp,
 * DisconnectTimestamp, DisconnectReason, InitialContactId, PreviousContactId and the
 * contact attributes the contact flow sets (strings): category, disposition, notes,
 * agentName, customerEmail, loyaltyId, customerNumber; other attributes go to context.
 */
export interface ConnectCall {
  contactId: string;
  direction: CallDirection;
  initiationMethod: string;
  callerNumber: string | null;
  systemNumber: string | null;
  queue: string | null;
  agentId: string | null;
  agentArn: string | null;
  agentName: string | null;
  startedAt: number;
  endedAt: number | null;
  talkSeconds: number;
  holdSeconds: number;
  category: CallCategory;
  disposition: string | null;
  notes: string | null;
  identifiers: Identifier[];
  disconnectReason: string | null;
  initialContactId: string | null;
  previousContactId: string | null;
  otherAttributes: Record<string, string>;
}

/**
 * InitiationMethod → direction. TRANSFER and QUEUE_TRANSFER continue a customer's call
 * in the centre, so inbound; CALLBACK, API and EXTERNAL_OUTBOUND are the centre calling
 * out. DISCONNECT and MONITOR contacts are not customer conversations → 400.
 */
export const INITIATION_METHODS: Readonly<Record<string, CallDirection>> = {
  INBOUND: 'inbound',
  TRANSFER: 'inbound',
  QUEUE_TRANSFER: 'inbound',
  OUTBOUND: 'outbound',
  CALLBACK: 'outbound',
  API: 'outbound',
  EXTERNAL_OUTBOUND: 'outbound',
};

const MAPPED_ATTRIBUTES = new Set([
  'category',
  'disposition',
  'notes',
  'agentName',
  'customerEmail',
  'loyaltyId',
  'customerNumber',
]);
const ID_ATTRIBUTES = [
  ['customerEmail', 'email'],
  ['loyaltyId', 'loyalty_id'],
  ['customerNumber', 'customer_number'],
] as const;

export type ConnectCheck = { ok: true; call: ConnectCall } | { ok: false; issues: ValidationIssue[] };

/** Checks one record; `at` prefixes issue paths (`[2]` in an array, `` for a lone object). */
export function checkConnectRecord(value: unknown, at: string, policy: IdentityPolicy): ConnectCheck {
  const r = new Reader(at);
  if (!isObject(value)) return { ok: false, issues: [{ path: at || '(body)', message: 'must be a JSON object' }] };

  // The touchpoint id derives from it; without it a re-sent record could not be recognised.
  const contactId = r.string(value, 'ContactId', 'ContactId', true);
  const method = r.string(value, 'InitiationMethod', 'InitiationMethod', true);
  const direction = method === null ? null : (INITIATION_METHODS[method] ?? null);
  if (method !== null && direction === null) {
    r.fail('InitiationMethod', `must be one of ${Object.keys(INITIATION_METHODS).join(', ')}`);
  }
  const channel = r.string(value, 'Channel', 'Channel');
  if (channel !== null && channel !== 'VOICE')
    r.fail('Channel', 'must be VOICE (only calls are call-center touchpoints)');

  const startedAt = timestamp(r, value, 'InitiationTimestamp', true);
  const endedAt = timestamp(r, value, 'DisconnectTimestamp', false);
  if (startedAt !== null && endedAt !== null && endedAt < startedAt) {
    r.fail('DisconnectTimestamp', 'must not be before InitiationTimestamp');
  }

  const customer = r.object(value, 'CustomerEndpoint', 'CustomerEndpoint');
  const callerNumber = customer ? r.string(customer, 'Address', 'CustomerEndpoint.Address') : null;
  const system = r.object(value, 'SystemEndpoint', 'SystemEndpoint');
  const systemNumber = system ? r.string(system, 'Address', 'SystemEndpoint.Address') : null;
  const queue = r.object(value, 'Queue', 'Queue');
  const queueName = queue ? r.string(queue, 'Name', 'Queue.Name') : null;

  const agent = r.object(value, 'Agent', 'Agent');
  const username = agent ? r.string(agent, 'Username', 'Agent.Username') : null;
  const agentArn = agent ? r.string(agent, 'ARN', 'Agent.ARN') : null;
  const talkSeconds = agent ? r.seconds(agent, 'AgentInteractionDuration', 'Agent.AgentInteractionDuration') : null;
  const holdSeconds = agent ? r.seconds(agent, 'CustomerHoldDuration', 'Agent.CustomerHoldDuration') : null;

  const attributes = attributesOf(r, value);
  const rawCategory = attributes.category?.trim().toLowerCase() || 'information';
  if (!(CALL_CATEGORIES as readonly string[]).includes(rawCategory)) {
    r.fail('Attributes.category', `must be one of ${CALL_CATEGORIES.join(', ')}`);
  }
  const identifiers: Identifier[] = [];
  const phone = phoneIdentifier(callerNumber, policy);
  if (phone) identifiers.push(phone);
  for (const [attribute, type] of ID_ATTRIBUTES) {
    const text = attributes[attribute];
    if (text === undefined || text.trim() === '') continue;
    const identifier = otherIdentifier(type, text, policy);
    if (typeof identifier === 'string') r.fail(`Attributes.${attribute}`, identifier);
    else identifiers.push(identifier);
  }

  const disconnectReason = r.string(value, 'DisconnectReason', 'DisconnectReason');
  const initialContactId = r.string(value, 'InitialContactId', 'InitialContactId');
  const previousContactId = r.string(value, 'PreviousContactId', 'PreviousContactId');
  if (r.issues.length > 0) return { ok: false, issues: r.issues };
  const blank = (text: string | undefined) => (text === undefined || text.trim() === '' ? null : text);
  return {
    ok: true,
    call: {
      contactId: contactId!,
      direction: direction!,
      initiationMethod: method!,
      callerNumber,
      systemNumber,
      queue: queueName,
      agentId: username ?? agentArn,
      agentArn,
      agentName: blank(attributes.agentName),
      startedAt: startedAt!,
      endedAt,
      talkSeconds: talkSeconds ?? 0,
      holdSeconds: holdSeconds ?? 0,
      category: rawCategory as CallCategory,
      disposition: blank(attributes.disposition),
      notes: blank(attributes.notes),
      identifiers,
      disconnectReason,
      initialContactId,
      previousContactId,
      otherAttributes: Object.fromEntries(Object.entries(attributes).filter(([key]) => !MAPPED_ATTRIBUTES.has(key))),
    },
  };
}

function timestamp(r: Reader, value: JsonObject, field: string, required: boolean): number | null {
  const text = r.string(value, field, field, required);
  if (text === null) return null;
  const parsed = parseIso8601(text);
  return 'ms' in parsed ? parsed.ms : r.fail(field, parsed.reason);
}

/** Contact attributes are strings (Connect stores every attribute value as a string). */
function attributesOf(r: Reader, value: JsonObject): Record<string, string> {
  const attributes = r.object(value, 'Attributes', 'Attributes') ?? {};
  const result: Record<string, string> = {};
  for (const [key, v] of Object.entries(attributes)) {
    if (typeof v === 'string') result[key] = v;
    else if (v !== null) r.fail(`Attributes.${key}`, 'must be a string (contact attributes are strings)');
  }
  return result;
}
