import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/**
 * Masking of personal values for roles that may not see them (`reader`): enough
 * left to tell records apart and recognise a known customer (`l***@example.com`,
 * `+86 *** **** 8000`, `L. L.`), not enough to contact or identify a person.
 * Masking is by kind, decided from the identifier type or the trait's key.
 */

export const MASK = '***';

/** `li.lei@example.com` → `l***@example.com`; anything without a single @ → `***`. */
export function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  if (at <= 0 || at === value.length - 1) return MASK;
  return `${[...value][0]}${MASK}${value.slice(at)}`;
}

/** `+8613800138000` → `+86 *** **** 8000`; a number that does not parse keeps only its last four digits. */
export function maskPhone(value: string): string {
  const digits = value.replace(/\D/g, '');
  const last = digits.slice(-4);
  if (digits.length <= 4) return MASK;
  const parsed = value.startsWith('+') ? parsePhoneNumberFromString(value) : undefined;
  const country = parsed?.countryCallingCode ?? null;
  return country ? `+${country} ${MASK} **** ${last}` : `${MASK} **** ${last}`;
}

/** `Zoë Ångström` → `Z. Å.`; `李雷` → `李.` */
export function initials(value: string): string {
  const words = value.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return MASK;
  return words.map((word) => `${[...word][0]!.toUpperCase()}.`).join(' ');
}

/** Other identifiers (user ids, loyalty cards, tokens): the first character and the last two. */
export function maskOpaque(value: string): string {
  const chars = [...value];
  if (chars.length <= 6) return MASK;
  return `${chars[0]}${MASK}${chars.slice(-2).join('')}`;
}

export function maskIdentifier(type: string, value: string): string {
  switch (type) {
    case 'email':
      return maskEmail(value);
    case 'phone':
      return maskPhone(value);
    default:
      return maskOpaque(value);
  }
}

type TraitKind = 'name' | 'email' | 'phone' | 'personal' | null;

const PERSONAL_KEYS = new Set([
  'address',
  'street',
  'streetaddress',
  'city',
  'postcode',
  'postalcode',
  'zip',
  'zipcode',
  'birthday',
  'birthdate',
  'dateofbirth',
  'dob',
  'age',
  'gender',
  'ssn',
  'taxid',
  'nationalid',
  'passport',
  'ip',
  'avatar',
]);

/** The kind of personal value a trait key names, by its usual spellings (`first_name`, `firstName`, `E-Mail` …). */
export function traitKind(key: string): TraitKind {
  const k = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (k.includes('email')) return 'email';
  if (k.includes('phone') || k === 'mobile' || k === 'tel' || k === 'fax') return 'phone';
  if (k.endsWith('name')) return 'name';
  if (PERSONAL_KEYS.has(k) || k.includes('address') || k.includes('birth')) return 'personal';
  return null;
}

/** One trait value masked by its key's kind; traits that are not personal are returned unchanged. */
export function maskTrait(key: string, value: unknown): unknown {
  const kind = traitKind(key);
  if (kind === null || value === null) return value;
  if (typeof value !== 'string') return MASK;
  switch (kind) {
    case 'name':
      return initials(value);
    case 'email':
      return maskEmail(value);
    case 'phone':
      return maskPhone(value);
    case 'personal':
      return MASK;
  }
}

export function maskTraits(traits: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(traits).map(([key, value]) => [key, maskTrait(key, value)]));
}
