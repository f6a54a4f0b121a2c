import { identityPolicy, normaliseIdentifier, type IdentityPolicy } from '@c360/identity';
import type { Identifier, IdentifierType } from '@c360/touchpoint';

/**
 * The identifiers a call carries, normalised as identity resolution will see them.
 * The caller's number becomes a `phone` identifier in E.164 when libphonenumber parses
 * it; otherwise (withheld — `anonymous`, `+266696687` — a SIP or client address) the
 * call carries no phone identifier and the number is kept in `context.callerNumber`:
 * an unparseable number names nobody, and the touchpoint contract demands E.164.
 */
export const callPolicy = (defaultRegion: string | undefined): IdentityPolicy =>
  identityPolicy(defaultRegion ? { defaultRegion } : {});

export function phoneIdentifier(number: string | null, policy: IdentityPolicy): Identifier | null {
  if (number === null) return null;
  const normalised = normaliseIdentifier({ type: 'phone', value: number }, policy);
  return normalised.status === 'invalid' ? null : { type: 'phone', value: normalised.value };
}

/** Any other identifier: normalised, or the reason it is not one of its type. */
export function otherIdentifier(type: IdentifierType, value: string, policy: IdentityPolicy): Identifier | string {
  const normalised = normaliseIdentifier({ type, value }, policy);
  return normalised.status === 'invalid' ? normalised.reason : { type, value: normalised.value };
}
