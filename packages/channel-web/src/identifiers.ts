import type { Identifier, IdentifierType } from '@c360/touchpoint';
import type { JsonObject } from './fields';
import type { SegmentCall } from './validate';

/**
 * The typed identifiers of a call, normalised as the touchpoint contract wants them:
 * - `userId` → user_id, `anonymousId` → anonymous_id;
 * - alias `previousId` → anonymous_id when it equals the call's `anonymousId` or looks like
 *   one (a UUID: what analytics.js, analytics-node's users and the mobile SDKs generate),
 *   else user_id (a user changing ids — the Kissmetrics/Mixpanel use of alias). A guess, so
 *   the raw value also stays in the payload's properties;
 * - the person's `traits.email` → email, trimmed and lower-cased, only when it is an address
 *   (else it stays a trait only); `traits.phone` → phone only when already E.164 (else it
 *   stays a trait — the ingestor normalises phone numbers with the customer's country).
 * Each (type, value) appears once.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^@\s]+@[^@\s]+$/;
const E164 = /^\+[1-9][0-9]{6,14}$/;

export function previousIdType(call: Pick<SegmentCall, 'previousId' | 'anonymousId'>): IdentifierType {
  return call.previousId === call.anonymousId || UUID.test(call.previousId ?? '') ? 'anonymous_id' : 'user_id';
}

export function identifiersOf(call: SegmentCall, personTraits: JsonObject): Identifier[] {
  const found: Identifier[] = [];
  const add = (type: IdentifierType, value: string | null): void => {
    if (value && !found.some((i) => i.type === type && i.value === value)) found.push({ type, value });
  };
  add('user_id', call.userId);
  add('anonymous_id', call.anonymousId);
  if (call.type === 'alias') add(previousIdType(call), call.previousId);
  add('email', email(personTraits.email));
  add('phone', phone(personTraits.phone));
  return found;
}

function email(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const normalised = value.trim().toLowerCase();
  return EMAIL.test(normalised) ? normalised : null;
}

function phone(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return E164.test(trimmed) ? trimmed : null;
}
