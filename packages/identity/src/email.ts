/**
 * Lower-cases an e-mail address and checks that it is plausible — not RFC 5322
 * (quoted local parts, comments and IP literals are not customers' addresses).
 * Internationalised domains are kept as given (Unicode, lower-cased), not
 * converted to punycode. Returns the normalised address or why it is not one.
 */
export function normaliseEmail(trimmed: string): { value: string } | { reason: string } {
  const value = trimmed.toLowerCase();
  const problem = emailProblem(value);
  return problem === undefined ? { value } : { reason: `not a plausible e-mail address: ${problem}` };
}

function emailProblem(address: string): string | undefined {
  if (/[\s\p{Cc}]/u.test(address)) return 'contains whitespace or control characters';
  // RFC 5321: a path holds at most 256 octets including the angle brackets.
  if (address.length > 254) return 'longer than 254 characters';
  const parts = address.split('@');
  if (parts.length !== 2) return 'must contain exactly one @';
  const [local, domain] = parts as [string, string];
  if (local === '') return 'local part is empty';
  if (local.length > 64) return 'local part longer than 64 characters';
  if (!domain.includes('.')) return 'domain has no dot';
  if (domain.split('.').some((label) => label === '')) return 'domain has an empty label';
  return undefined;
}
