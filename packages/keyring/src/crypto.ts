import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** AES-256-GCM with a random 96-bit IV; a sealed box is `iv | ciphertext | tag`. */
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;
/** The smallest sealed box: an empty plaintext. */
export const MIN_SEALED_BYTES = IV_BYTES + TAG_BYTES;

export const newKey = (): Buffer => randomBytes(KEY_BYTES);

/** Encrypts and authenticates `plaintext` and `aad` under `key`. */
export function seal(key: Buffer, plaintext: Buffer, aad: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  return Buffer.concat([iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

/** The plaintext of a sealed box, or `null` when it was not sealed under `key` and `aad` or was altered. */
export function open(key: Buffer, sealed: Buffer, aad: string): Buffer | null {
  if (sealed.length < MIN_SEALED_BYTES) return null;
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
  } catch {
    return null;
  }
}

/**
 * What a wrapped key is bound to (its AAD): a wrapped key copied to another row
 * (another customer, another platform key) does not unwrap there.
 */
export const customerKeyLabel = (customerId: string, keyId: string): string =>
  `c360.keyring.v1/customer/${keyId}/${customerId}`;
export const platformKeyLabel = (name: string): string => `c360.keyring.v1/platform/${name}`;

export const wrapKey = (masterKey: Buffer, key: Buffer, label: string): Buffer => seal(masterKey, key, label);

/** The clear key, or `null` when the master key (or the label) is not the one it was wrapped with. */
export function unwrapKey(masterKey: Buffer, wrapped: Buffer, label: string): Buffer | null {
  const key = open(masterKey, wrapped, label);
  return key && key.length === KEY_BYTES ? key : null;
}
