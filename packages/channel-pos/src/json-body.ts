import { ValidationError } from '@c360/errors';
import { CARD_NUMBER_MESSAGE, cardNumberPaths, redactCardNumbers } from '@c360/channels';

/** The body as UTF-8 JSON (RFC 8259 §8.1), or ValidationError `invalid_json` (400). */
export function parseJsonBody(raw: Buffer, expected: string): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
  } catch {
    // The parser's message quotes the input, which may hold a card number: not echoed.
    throw new ValidationError('request body is not valid UTF-8 JSON', {
      code: 'invalid_json',
      issues: [{ path: '(body)', message: `must be ${expected}` }],
    });
  }
}

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
