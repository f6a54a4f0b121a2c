/**
 * CRC-64-AVRO ("Rabin") fingerprint, as specified in the Avro specification
 * (section "Schema Fingerprints"). avsc 5 only offers md5/sha* fingerprints, and
 * single-object encoding names its schema by this one.
 *
 * Contract: `rabinFingerprint(bytes)` returns the 64-bit fingerprint as an unsigned
 * bigint; on the wire it is written little-endian (see single-object.ts).
 * Known value (Avro's share/test/data/schema-tests.txt): `"int"` → 0x7275d51a3f395c8f.
 */

const EMPTY = 0xc15d213aa4d7a795n;
const MASK = 0xffffffffffffffffn;

const TABLE: readonly bigint[] = Array.from({ length: 256 }, (_, i) => {
  let fp = BigInt(i);
  for (let j = 0; j < 8; j++) {
    // fp = (fp >>> 1) ^ (EMPTY & -(fp & 1)), in unsigned 64-bit arithmetic.
    fp = (fp >> 1n) ^ ((fp & 1n) === 1n ? EMPTY : 0n);
  }
  return fp;
});

export function rabinFingerprint(bytes: Uint8Array): bigint {
  let fp = EMPTY;
  for (const byte of bytes) {
    fp = ((fp >> 8n) ^ (TABLE[Number((fp ^ BigInt(byte)) & 0xffn)] as bigint)) & MASK;
  }
  return fp;
}

/** Fingerprint of a schema's Parsing Canonical Form text (UTF-8). */
export function rabinOfText(text: string): bigint {
  return rabinFingerprint(Buffer.from(text, 'utf8'));
}

/** 16 lower-case hex digits of the fingerprint value (big-endian, as the spec prints it). */
export function fingerprintHex(fp: bigint): string {
  return fp.toString(16).padStart(16, '0');
}
