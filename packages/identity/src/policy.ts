import type { IdentifierType } from '@c360/touchpoint';
import type { CountryCode } from 'libphonenumber-js/max';
import { DEFAULT_BLOCKED } from './blocked-defaults';
import { validatePolicy } from './policy-validation';

/**
 * How strongly one identifier type identifies a person, and how many of it one
 * customer may hold. The decider compares `rank` (higher = stronger) and refuses a
 * merge that would give a customer more than `limit` identifiers of a type
 * (merge protection, as Segment's identity resolution does).
 */
export interface IdentifierRule {
  rank: number;
  limit: number;
  /** False: the identifier is recorded on the profile but never used to find or merge customers. */
  matchable: boolean;
  /**
   * True for types whose values people legitimately share (a family e-mail, a shared
   * tablet, a recycled phone number): such an identifier may not join two customers
   * that each already hold a different identifier of a stronger type.
   */
  shared: boolean;
}

/** Normalised values (exact) and patterns that must never match or merge anyone. */
export interface BlockList {
  values: readonly string[];
  patterns: readonly RegExp[];
}

export interface IdentityPolicy {
  /** Recorded on every decision event, so a decision can be explained by the rules in force. */
  ruleVersion: string;
  /** Region assumed for phone numbers written without + or 00. */
  defaultRegion: CountryCode;
  types: Readonly<Record<IdentifierType, Readonly<IdentifierRule>>>;
  /** Compared with the value AFTER normalisation (lower-cased e-mail, E.164 phone, …). */
  blocked: Readonly<Record<IdentifierType, Readonly<BlockList>>>;
}

/**
 * Overrides for {@link identityPolicy}. Rules merge field by field; a block list's
 * `values` or `patterns`, when given, REPLACE the default array (spread
 * `DEFAULT_IDENTITY_POLICY.blocked[type].values` to extend it). `defaultRegion` is a
 * string so configuration can pass it through; it is validated.
 * Change `ruleVersion` whenever you change the rules: decisions record it.
 */
export interface IdentityPolicyOverrides {
  ruleVersion?: string;
  defaultRegion?: string;
  types?: Partial<Record<IdentifierType, Partial<IdentifierRule>>>;
  blocked?: Partial<Record<IdentifierType, Partial<BlockList>>>;
}

const DEFAULT_TYPES: Record<IdentifierType, IdentifierRule> = {
  // Accounts of our own systems: one per person by construction.
  user_id: { rank: 100, limit: 1, matchable: true, shared: false },
  customer_number: { rank: 90, limit: 1, matchable: true, shared: false },
  // Households share e-mail addresses, phones, loyalty cards and payment cards.
  email: { rank: 80, limit: 5, matchable: true, shared: true },
  phone: { rank: 70, limit: 5, matchable: true, shared: true },
  loyalty_id: { rank: 60, limit: 5, matchable: true, shared: true },
  payment_token: { rank: 50, limit: 10, matchable: true, shared: true },
  hashed_email: { rank: 40, limit: 5, matchable: true, shared: true },
  // Shared tablets and browsers: weakest evidence, many per person.
  device_id: { rank: 30, limit: 10, matchable: true, shared: true },
  anonymous_id: { rank: 20, limit: 50, matchable: true, shared: true },
  // Free-form identifiers of unknown meaning: kept on the profile, never trusted to join two people.
  other: { rank: 10, limit: 10, matchable: false, shared: true },
};

export const DEFAULT_IDENTITY_POLICY: IdentityPolicy = freezePolicy({
  ruleVersion: 'identity-rules/1',
  defaultRegion: 'US',
  types: DEFAULT_TYPES,
  blocked: DEFAULT_BLOCKED,
});

/**
 * The default policy with `overrides` merged in, validated as a whole.
 * @throws ValidationError naming every offending path (e.g. `types.email.limit`).
 */
export function identityPolicy(overrides: IdentityPolicyOverrides = {}): IdentityPolicy {
  const base = DEFAULT_IDENTITY_POLICY;
  const types = { ...base.types } as Record<IdentifierType, IdentifierRule>;
  for (const [type, rule] of Object.entries(overrides.types ?? {})) {
    types[type as IdentifierType] = { ...base.types[type as IdentifierType], ...rule } as IdentifierRule;
  }
  const blocked = { ...base.blocked } as Record<IdentifierType, BlockList>;
  for (const [type, list] of Object.entries(overrides.blocked ?? {})) {
    blocked[type as IdentifierType] = { ...base.blocked[type as IdentifierType], ...list } as BlockList;
  }
  const merged = {
    ruleVersion: overrides.ruleVersion ?? base.ruleVersion,
    defaultRegion: (overrides.defaultRegion ?? base.defaultRegion) as CountryCode,
    types,
    blocked,
  };
  validatePolicy(merged);
  // Copied so that freezing never reaches the caller's arrays.
  for (const [type, list] of Object.entries(blocked)) {
    blocked[type as IdentifierType] = { values: [...list.values], patterns: [...list.patterns] };
  }
  return freezePolicy(merged);
}

/** Policies are shared by every decision; nobody may change one in place. */
function freezePolicy(policy: IdentityPolicy): IdentityPolicy {
  for (const rule of Object.values(policy.types)) Object.freeze(rule);
  for (const list of Object.values(policy.blocked)) {
    Object.freeze(list.values);
    Object.freeze(list.patterns);
    Object.freeze(list);
  }
  Object.freeze(policy.types);
  Object.freeze(policy.blocked);
  return Object.freeze(policy);
}
