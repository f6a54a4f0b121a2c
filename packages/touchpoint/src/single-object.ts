import { CorruptMessageError } from './errors';

/**
 * Avro single-object encoding framing: `C3 01`, the writer schema's 8-byte
 * CRC-64-AVRO fingerprint little-endian, then the Avro binary body. The message
 * names its schema without a registry.
 */

export const SINGLE_OBJECT_MAGIC = Object.freeze([0xc3, 0x01] as const);
export const SINGLE_OBJECT_HEADER_LENGTH = 10;

export function frameSingleObject(fingerprint: bigint, body: Uint8Array): Buffer {
  const message = Buffer.allocUnsafe(SINGLE_OBJECT_HEADER_LENGTH + body.length);
  message[0] = SINGLE_OBJECT_MAGIC[0];
  message[1] = SINGLE_OBJECT_MAGIC[1];
  message.writeBigUInt64LE(fingerprint, 2);
  message.set(body, SINGLE_OBJECT_HEADER_LENGTH);
  return message;
}

export interface SingleObject {
  fingerprint: bigint;
  /** A view on the input (not a copy). */
  body: Buffer;
}

/** Splits a message into fingerprint and body. Throws CorruptMessageError on a short or non-single-object input. */
export function parseSingleObject(message: Uint8Array): SingleObject {
  const buf = Buffer.isBuffer(message) ? message : Buffer.from(message.buffer, message.byteOffset, message.byteLength);
  if (buf.length < SINGLE_OBJECT_HEADER_LENGTH) {
    throw new CorruptMessageError(
      `message too short for an Avro single-object header: ${buf.length} byte(s), need ${SINGLE_OBJECT_HEADER_LENGTH}`,
      { details: { length: buf.length } },
    );
  }
  if (buf[0] !== SINGLE_OBJECT_MAGIC[0] || buf[1] !== SINGLE_OBJECT_MAGIC[1]) {
    const magic = buf.subarray(0, 2).toString('hex');
    throw new CorruptMessageError(`bad magic 0x${magic}: not Avro single-object encoding (expected 0xc301)`, {
      details: { magic },
    });
  }
  return { fingerprint: buf.readBigUInt64LE(2), body: buf.subarray(SINGLE_OBJECT_HEADER_LENGTH) };
}
