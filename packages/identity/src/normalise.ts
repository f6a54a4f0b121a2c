import type { IdentifierType } from '@c360/touchpoint';
import { normaliseEmail } from './email';
import { normalisePhone } from './phone';
import type { BlockList, IdentityPolicy } from './policy';

/**
 * An identifier in its one canonical spelling, so that the same person's
 * `Li@Example.com ` and `li@example.com` are one identifier. `invalid`: not a value
 * of its type; `blocked`: a value of its type that policy forbids to match anyone.
 * Both are kept (recorded on the profile and in events) but never matched.
 */
export type NormalisedIdentifier =
  | { type: IdentifierType; value: string; status: 'valid' }
  | { type: IdentifierType; value: string; status: 'invalid' | 'blocked'; reason: string };

export type ValidIdentifier = Extract<NormalisedIdentifier, { status: 'valid' }>;

/** Longer values are not identifiers but pasted documents; they would bloat every index. */
export const MAX_IDENTIFIER_LENGTH = 512;

const HASHED_EMAIL = /^[0-9a-f]{64}$/;

/**
 * Normalises one identifier: Unicode NFC and trimmed, then by type (e-mail
 * lower-cased, phone to E.164, hashed e-mail lower-case hex, loyalty id without
 * spaces or dashes and upper-cased, other ids as given), then checked against
 * `policy.blocked` on the normalised value.
 * An invalid identifier keeps its trimmed value, so the record shows what arrived.
 */
export function normaliseIdentifier(
  identifier: { type: IdentifierType; value: string },
  policy: IdentityPolicy,
): NormalisedIdentifier {
  const { type } = identifier;
  const trimmed = identifier.value.normalize('NFC').trim();
  const invalid = (reason: string, value = trimmed): NormalisedIdentifier => ({
    type,
    value,
    status: 'invalid',
    reason,
  });
  if (trimmed === '') return invalid('empty after trimming');
  if (trimmed.length > MAX_IDENTIFIER_LENGTH) return invalid(`longer than ${MAX_IDENTIFIER_LENGTH} characters`);

  const normalised = byType(type, trimmed, policy);
  if ('reason' in normalised) return invalid(normalised.reason);

  const reason = blockedBy(normalised.value, type, policy.blocked[type]);
  if (reason !== undefined) return { type, value: normalised.value, status: 'blocked', reason };
  return { type, value: normalised.value, status: 'valid' };
}

/** Normalises all; de-duplicates by (type, normalised value) keeping first occurrence order. */
export function normaliseIdentifiers(
  identifiers: readonly { type: IdentifierType; value: string }[],
  policy: IdentityPolicy,
): NormalisedIdentifier[] {
  const seen = new Set<string>();
  const result: NormalisedIdentifier[] = [];
  for (const identifier of identifiers) {
    const normalised = normaliseIdentifier(identifier, policy);
    const key = `${normalised.type}\u0000${normalised.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(normalised);
  }
  return result;
}

/** The identifiers that may match: status valid and policy.types[type].matchable. */
export function matchable(ids: readonly NormalisedIdentifier[], policy: IdentityPolicy): ValidIdentifier[] {
  return ids.filter((id): id is ValidIdentifier => id.status === 'valid' && policy.types[id.type].matchable);
}

function byType(type: IdentifierType, trimmed: string, policy: IdentityPolicy): { value: string } | { reason: string } {
  switch (type) {
    case 'email':
      return normaliseEmail(trimmed);
    case 'phone':
      return normalisePhone(trimmed, policy.defaultRegion);
    case 'hashed_email': {
      const value = trimmed.toLowerCase();
      return HASHED_EMAIL.test(value) ? { value } : { reason: 'not a SHA-256 hex digest (64 hex characters)' };
    }
    case 'loyalty_id': {
      // Cards print their number as '1234 5678' or '1234-5678'; tills key it without.
      const value = trimmed.replace(/[\s-]+/g, '').toUpperCase();
      return value === '' ? { reason: 'empty after removing spaces and dashes' } : { value };
    }
    case 'user_id':
    case 'customer_number':
    case 'payment_token':
    case 'device_id':
    case 'anonymous_id':
    case 'other':
      // Opaque ids of other systems: their case and punctuation may be significant.
      return { value: trimmed };
    default: {
      const unknown: never = type;
      throw new Error(`unknown identifier type ${String(unknown)}`);
    }
  }
}

function blockedBy(value: string, type: IdentifierType, list: BlockList): string | undefined {
  if (list.values.includes(value)) return `blocked ${type} value (policy blocked.${type}.values)`;
  const index = list.patterns.findIndex((pattern) => pattern.test(value));
  if (index === -1) return undefined;
  return `blocked ${type} value (policy blocked.${type}.patterns[${index}]: ${String(list.patterns[index])})`;
}
