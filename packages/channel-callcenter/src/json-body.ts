import { ValidationError } from '@c360/errors';

/** The body as UTF-8 JSON (RFC 8259 §8.1), or ValidationError `invalid_json` (400). */
export function parseJsonBody(raw: Buffer, expected: string): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
  } catch (error) {
    throw new ValidationError(`request body is not valid UTF-8 JSON: ${(error as Error).message}`, {
      code: 'invalid_json',
      issues: [{ path: '(body)', message: `must be ${expected}` }],
    });
  }
}
