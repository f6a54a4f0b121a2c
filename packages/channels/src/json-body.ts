import { ValidationError } from '@c360/errors';

/**
 * The body as UTF-8 JSON (RFC 8259 §8.1), or ValidationError `invalid_json` (400) whose
 * issue says the body must be `expected`. The parser's own message is not echoed: it
 * quotes the input, which may hold a card number or other personal data.
 */
export function parseJsonBody(raw: Buffer, expected: string): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
  } catch {
    throw new ValidationError('request body is not valid UTF-8 JSON', {
      code: 'invalid_json',
      issues: [{ path: '(body)', message: `must be ${expected}` }],
    });
  }
}
