import { CARD_NUMBER_MESSAGE, cardNumberPaths, redactCardNumbers } from '@c360/channels';
import { ValidationError } from '@c360/errors';

export const CARD_NUMBER_REFUSED = 'card_number_refused';

/** Issues naming every path whose value looks like a card number — never the number itself. */
export const cardNumberIssues = (body: unknown, at = '') =>
  cardNumberPaths(body, at).map((path) => ({ path, message: CARD_NUMBER_MESSAGE }));

/** ValidationError `card_number_refused` for a synchronous input that carries card numbers. */
export function cardNumberRefused(issues: { path: string; message: string }[]): ValidationError {
  return new ValidationError(`${issues[0]!.path}: ${CARD_NUMBER_MESSAGE}`, { code: CARD_NUMBER_REFUSED, issues });
}

/** The raw bytes with card numbers redacted: the only form that may be kept (quarantine). */
export const redactedRaw = (raw: Buffer): Buffer => Buffer.from(redactCardNumbers(raw.toString('utf8')), 'utf8');
