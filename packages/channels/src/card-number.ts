/**
 * PCI DSS: the platform must never store a primary account number (PAN). Anything
 * that looks like one — 13 to 19 digits, optionally grouped by single spaces or
 * dashes, passing the Luhn check — is found in any string of an input and redacted
 * from the raw bytes before they go anywhere (quarantine, logs, responses).
 */
/** What an issue says of a value that holds a card number — never the number itself. */
export const CARD_NUMBER_MESSAGE =
  'looks like a payment card number (13–19 digits passing Luhn); card numbers must never be sent';

const CANDIDATE = /(?<![\d])\d(?:[ -]?\d){12,18}(?![\d])/g;

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** True when `text` contains a card-number-like run of digits. */
export function containsCardNumber(text: string): boolean {
  for (const match of text.matchAll(CANDIDATE)) {
    if (luhnValid(match[0].replace(/[ -]/g, ''))) return true;
  }
  return false;
}

/** `text` with every card-number-like run replaced by `[REDACTED PAN]`. */
export function redactCardNumbers(text: string): string {
  return text.replace(CANDIDATE, (run) => (luhnValid(run.replace(/[ -]/g, '')) ? '[REDACTED PAN]' : run));
}

/** GS1 check digit (EAN-13, GTIN-14): weights 3,1,3,… from the right, excluding the check digit. */
export function gtinValid(digits: string): boolean {
  if (!/^\d{13,14}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 1; i < digits.length; i++)
    sum += (digits.charCodeAt(digits.length - 1 - i) - 48) * (i % 2 === 1 ? 3 : 1);
  return (10 - (sum % 10)) % 10 === digits.charCodeAt(digits.length - 1) - 48;
}

/**
 * A SKU that is exactly a GS1-valid EAN-13 / GTIN-14 is a barcode, not a card number,
 * even when it also passes Luhn (about one barcode in ten does — 4901234567894 does).
 * Only whole `sku` values: a barcode-looking run inside free text is still refused.
 */
const isBarcodeSku = (key: string, value: unknown): boolean =>
  key === 'sku' && typeof value === 'string' && gtinValid(value);

/**
 * Paths (`receipts[0].lines[2].name`) of every string — and every integer, which a
 * sender may have written unquoted — in `value` that contains a card number.
 * Object keys are checked too (reported at the object's path).
 */
export function cardNumberPaths(value: unknown, at = ''): string[] {
  if (typeof value === 'string') return containsCardNumber(value) ? [at || '(body)'] : [];
  if (typeof value === 'number') return Number.isInteger(value) && containsCardNumber(String(value)) ? [at] : [];
  if (Array.isArray(value)) return value.flatMap((item, i) => cardNumberPaths(item, `${at}[${i}]`));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => {
      const path = at === '' ? key : `${at}.${key}`;
      if (isBarcodeSku(key, item)) return [];
      return [...(containsCardNumber(key) ? [at || '(body)'] : []), ...cardNumberPaths(item, path)];
    });
  }
  return [];
}
