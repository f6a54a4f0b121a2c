/**
 * Money in integer minor units of an ISO 4217 currency, converted from major units
 * without floating point: the decimal text is scaled as a BigInt by the currency's
 * exponent. A value with more decimals than the currency has is refused, not rounded
 * (¥12.5 or €1.005 on a receipt is an error of the sender, not ours to guess).
 */

/** ISO 4217 minor-unit exponents other than 2 (the list maintained by SIX, amendment 2024). */
const EXPONENTS: Readonly<Record<string, number>> = {
  ...Object.fromEntries(
    'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF'.split(' ').map((c) => [c, 0]),
  ),
  ...Object.fromEntries('BHD IQD JOD KWD LYD OMR TND'.split(' ').map((c) => [c, 3])),
  CLF: 4,
  UYW: 4,
};

const KNOWN = new Set<string>(Intl.supportedValuesOf('currency'));

/** The currency's exponent, or null when the code is not an ISO 4217 currency. */
export function currencyExponent(code: string): number | null {
  if (!/^[A-Z]{3}$/.test(code) || !KNOWN.has(code)) return null;
  return EXPONENTS[code] ?? 2;
}

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/**
 * `"19.99"` or `19.99` in major units → 1999 minor units (exponent 2). Returns a
 * message instead when the value is not a plain decimal, has too many decimals, or
 * does not fit a safe integer. JSON numbers are read through their shortest decimal
 * text (`String(19.99)` is `"19.99"`), which is the text the sender wrote.
 */
export function toMinorUnits(value: unknown, exponent: number): number | string {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return 'must be a finite number';
    text = String(value);
  } else if (typeof value === 'string') text = value.trim();
  else return 'must be a decimal string or a number in major units';
  const match = DECIMAL.exec(text);
  if (!match) return 'must be a plain decimal in major units, e.g. "19.99"';
  const [, minus, whole, fraction = ''] = match;
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > exponent) {
    return `has ${significant.length} decimal(s); the currency has ${exponent}`;
  }
  const minor = BigInt(whole! + fraction.padEnd(exponent, '0').slice(0, exponent)) * (minus ? -1n : 1n);
  if (minor > BigInt(Number.MAX_SAFE_INTEGER) || minor < -BigInt(Number.MAX_SAFE_INTEGER)) return 'is too large';
  return minor === 0n ? 0 : Number(minor);
}
