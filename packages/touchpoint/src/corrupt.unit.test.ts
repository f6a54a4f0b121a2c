import { ValidationError } from '@c360/errors';
import { describe, expect, it } from 'vitest';
import { createTouchpointCodec, decodeTouchpoint, encodeTouchpoint } from './codec';
import { CorruptMessageError, UnknownSchemaError } from './errors';
import { frameSingleObject } from './single-object';
import { webProductViewed } from './testing/examples';

/** What a consumer quarantines: every bad input is a typed, non-retriable error, never a crash. */
const good = encodeTouchpoint(webProductViewed);

function decodeError(message: Uint8Array): unknown {
  try {
    decodeTouchpoint(message);
  } catch (error) {
    return error;
  }
  throw new Error('decode unexpectedly succeeded');
}

describe('decoding corrupt input', () => {
  it('given an empty buffer, when decoded, then CorruptMessageError (corrupt_message)', () => {
    const error = decodeError(Buffer.alloc(0));
    expect(error).toBeInstanceOf(CorruptMessageError);
    expect(error).toMatchObject({ code: 'corrupt_message', retriable: false });
  });

  it('given bytes without the C3 01 magic, when decoded, then CorruptMessageError naming the magic', () => {
    const bad = Buffer.from(good);
    bad[0] = 0x4f;
    expect(decodeError(bad)).toMatchObject({
      code: 'corrupt_message',
      message: expect.stringMatching(/bad magic 0x4f01/),
    });
  });

  it('given a header cut inside the fingerprint, when decoded, then CorruptMessageError', () => {
    expect(decodeError(good.subarray(0, 7))).toBeInstanceOf(CorruptMessageError);
  });

  it('given a body cut short, when decoded, then CorruptMessageError (truncated)', () => {
    const error = decodeError(good.subarray(0, good.length - 5));
    expect(error).toBeInstanceOf(CorruptMessageError);
    expect((error as Error).message).toMatch(/truncated/);
  });

  it('given a message with trailing bytes, when decoded, then CorruptMessageError (trailing data)', () => {
    const error = decodeError(Buffer.concat([good, Buffer.from([0x00, 0x01])]));
    expect(error).toBeInstanceOf(CorruptMessageError);
    expect((error as Error).message).toMatch(/trailing/);
  });

  it('given a flipped fingerprint bit, when decoded, then UnknownSchemaError (unknown_schema) naming the fingerprint', () => {
    const bad = Buffer.from(good);
    bad[5] = (bad[5] as number) ^ 0x01;
    const error = decodeError(bad);
    expect(error).toBeInstanceOf(UnknownSchemaError);
    const fingerprint = bad.readBigUInt64LE(2).toString(16).padStart(16, '0');
    expect(error).toMatchObject({ code: 'unknown_schema', retriable: false, details: { fingerprint } });
  });

  it('given a known fingerprint followed by garbage, when decoded, then CorruptMessageError with the cause kept', () => {
    const codec = createTouchpointCodec();
    const garbage = Buffer.from('ff'.repeat(64), 'hex');
    const error = decodeError(frameSingleObject(codec.fingerprint, garbage));
    expect(error).toBeInstanceOf(CorruptMessageError);
    expect((error as Error).cause).toBeInstanceOf(Error);
  });

  it('given any of these errors, when caught, then it is a ValidationError (one quarantine rule for all)', () => {
    expect(decodeError(Buffer.alloc(0))).toBeInstanceOf(ValidationError);
    expect(decodeError(frameSingleObject(0n, Buffer.alloc(0)))).toBeInstanceOf(ValidationError);
  });
});
