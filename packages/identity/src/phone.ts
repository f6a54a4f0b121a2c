import { parsePhoneNumberWithError, ParseError, type CountryCode } from 'libphonenumber-js/max';

/**
 * A phone number in E.164 (`+8613800138000`), or why it is not one. A value starting
 * with + or 00 is international; any other is national to `defaultRegion`. Validity
 * uses libphonenumber's full metadata (`/max`): a number of the right length in an
 * unassigned range is invalid. The text must be only the number (no "tel:", no words).
 * An extension is dropped: E.164 has none, and the line is what identifies the person.
 */
export function normalisePhone(trimmed: string, defaultRegion: CountryCode): { value: string } | { reason: string } {
  // libphonenumber only knows the region's own international prefix (011 in the US),
  // so the ITU-recommended 00 is rewritten as + for every region.
  const international = trimmed.startsWith('+') || trimmed.startsWith('00');
  const text = trimmed.startsWith('00') ? `+${trimmed.slice(2)}` : trimmed;
  const where = international ? 'in international format' : `for region ${defaultRegion}`;
  try {
    const number = parsePhoneNumberWithError(text, {
      extract: false,
      ...(international ? {} : { defaultCountry: defaultRegion }),
    });
    if (number.isValid()) return { value: number.number };
    return { reason: `not a valid phone number ${where}` };
  } catch (error) {
    if (error instanceof ParseError) return { reason: `not a valid phone number ${where} (${error.message})` };
    throw error;
  }
}
