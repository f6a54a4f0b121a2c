import { describe, expect, it } from 'vitest';
import { fingerprintHex, rabinFingerprint, rabinOfText } from './rabin';
import { frameSingleObject } from './single-object';

// Values from Apache Avro's share/test/data/schema-tests.txt (signed 64-bit, as printed there).
const SPEC_VECTORS: Array<[string, bigint]> = [
  ['"null"', 7195948357588979594n],
  ['"boolean"', -6970731678124411036n],
  ['"int"', 8247732601305521295n],
  ['"long"', -3434872931120570953n],
  ['"string"', -8142146995180207161n],
  ['[]', -1241056759729112623n],
  ['{"name":"foo","type":"record","fields":[]}', -4824392279771201922n],
  ['{"name":"x.y.z.foo","type":"enum","symbols":["A1","A2"]}', -4448647247586288245n],
];

describe('CRC-64-AVRO (Rabin) fingerprint', () => {
  it.each(SPEC_VECTORS)(
    'given the canonical schema %s, when fingerprinted, then it matches the Avro test vector',
    (text, signed) => {
      expect(rabinOfText(text)).toBe(BigInt.asUintN(64, signed));
    },
  );

  it('given the schema "int", when fingerprinted, then the value is 0x7275d51a3f395c8f', () => {
    expect(fingerprintHex(rabinOfText('"int"'))).toBe('7275d51a3f395c8f');
  });

  it('given the schema "int", when framed as a single object, then the header is C3 01 8F 5C 39 3F 1A D5 75 72 (little-endian)', () => {
    const header = frameSingleObject(rabinOfText('"int"'), new Uint8Array(0));
    expect(header.toString('hex')).toBe('c3018f5c393f1ad57572');
  });

  it('given no bytes, when fingerprinted, then the result is the CRC-64-AVRO empty value', () => {
    expect(rabinFingerprint(new Uint8Array(0))).toBe(0xc15d213aa4d7a795n);
  });
});
