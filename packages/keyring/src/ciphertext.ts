import { ValidationError } from '@c360/errors';
import { MIN_SEALED_BYTES, open, seal } from './crypto';

/**
 * The compact ciphertext format: `v1.<keyId>.<base64url(iv | ciphertext | tag)>`.
 * The header `v1.<keyId>` is authenticated too (it is the AAD), so neither the
 * version nor the key id can be altered without the decryption failing.
 */
const VERSION = 'v1';
const KEY_ID = /^[A-Za-z0-9_-]{16}$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export interface ParsedCiphertext {
  keyId: string;
  header: string;
  sealed: Buffer;
}

export const invalidCiphertext = (reason: string): ValidationError =>
  new ValidationError(`ciphertext is invalid: ${reason}`, { code: 'ciphertext_invalid' });

export function encryptValue(key: Buffer, keyId: string, plaintext: string): string {
  const header = `${VERSION}.${keyId}`;
  return `${header}.${seal(key, Buffer.from(plaintext, 'utf8'), header).toString('base64url')}`;
}

/** Checks the shape only; throws `ciphertext_invalid` for anything this module did not write. */
export function parseCiphertext(text: string): ParsedCiphertext {
  const parts = typeof text === 'string' ? text.split('.') : [];
  const [version, keyId, body] = parts;
  if (parts.length !== 3 || version === undefined || keyId === undefined || body === undefined) {
    throw invalidCiphertext('expected v1.<keyId>.<payload>');
  }
  if (version !== VERSION) throw invalidCiphertext(`unknown version ${JSON.stringify(version.slice(0, 8))}`);
  if (!KEY_ID.test(keyId)) throw invalidCiphertext('malformed key id');
  const sealed = BASE64URL.test(body) ? Buffer.from(body, 'base64url') : Buffer.alloc(0);
  // Re-encoding catches non-canonical base64url (stray trailing bits, a wrong length).
  if (sealed.length < MIN_SEALED_BYTES || sealed.toString('base64url') !== body) {
    throw invalidCiphertext('malformed payload');
  }
  return { keyId, header: `${version}.${keyId}`, sealed };
}

/** The plaintext; throws `ciphertext_invalid` when it was altered or not written under `key`. */
export function decryptValue(key: Buffer, parsed: ParsedCiphertext): string {
  const plaintext = open(key, parsed.sealed, parsed.header);
  if (!plaintext) throw invalidCiphertext('authentication failed');
  return plaintext.toString('utf8');
}
