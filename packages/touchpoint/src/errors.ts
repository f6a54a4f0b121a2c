import { ValidationError, type C360ErrorOptions } from '@c360/errors';

/**
 * Errors a consumer of `c360.touchpoints` uses to quarantine a message instead of
 * crashing. Both are ValidationErrors (the message is wrong; retrying it unchanged
 * can never succeed, `retriable` is false), so `instanceof ValidationError` catches
 * them together with an invalid touchpoint; `code` tells them apart.
 */

/** The message names a schema fingerprint this process does not know. Code `unknown_schema`. */
export class UnknownSchemaError extends ValidationError {
  constructor(message: string, options: C360ErrorOptions = {}) {
    super(message, { ...options, code: 'unknown_schema' });
  }
}

/**
 * The bytes are not a touchpoint: empty, bad magic, truncated header or body,
 * trailing bytes, or a body that does not decode. Code `corrupt_message`.
 */
export class CorruptMessageError extends ValidationError {
  constructor(message: string, options: C360ErrorOptions = {}) {
    super(message, { ...options, code: 'corrupt_message' });
  }
}
