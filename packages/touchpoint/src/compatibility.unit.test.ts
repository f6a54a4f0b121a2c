import { describe, expect, it } from 'vitest';
import { createTouchpointCodec } from './codec';
import { readFixtures } from './testing/fixtures';
import { PAYLOAD_BRANCH } from './types';

/**
 * v1 and v2 producers coexist: a v2 reader reads v1 messages (new fields take their
 * defaults) and a v1 reader reads v2 messages (new fields are skipped, a new enum
 * symbol becomes the enum's default). Both directions run on the saved bytes.
 */
// Values of two schema versions, edited by path: deliberately untyped.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

const v1Reader = createTouchpointCodec<Json>({ version: 'v1' });
const v2Reader = createTouchpointCodec<Json>({ version: 'v2' });
const v1Fixtures = readFixtures('v1');
const v2Fixtures = readFixtures('v2');
const cases = <T extends { name: string }>(list: T[]) => list.map((f) => [f.name, f] as const);

/** What a v2 reader must see for a v1 value. */
function upgraded(v1: Json): Json {
  const expected: Json = { ...structuredClone(v1), locale: null };
  const web = expected['payload']?.[PAYLOAD_BRANCH.web];
  if (web) web.deviceType = 'unknown';
  return expected;
}

/** What a v1 reader must see for a v2 value. */
function downgraded(v2: Json): Json {
  const { locale: _locale, ...expected } = structuredClone(v2);
  expected['identifiers'] = expected['identifiers'].map((id: Json) =>
    id['type'] === 'hashed_email' ? { ...id, type: 'other' } : id,
  );
  const web = expected['payload']?.[PAYLOAD_BRANCH.web];
  if (web) delete web.deviceType;
  return expected;
}

describe('v1 writer → v2 reader', () => {
  it.each(cases(v1Fixtures))(
    'given saved v1 bytes of %s, when decoded by v2, then new fields hold their defaults',
    (_n, fixture) => {
      const decoded = v2Reader.decode(fixture.encoded as Buffer);
      expect(decoded).toEqual(upgraded(fixture.value));
      expect(decoded['locale']).toBeNull();
    },
  );

  it('given the v1 web fixture, when decoded by v2, then deviceType is unknown', () => {
    const web = v1Fixtures.find((f) => f.name === 'web');
    expect(v2Reader.decode(v1Reader.encode(web?.value as Json))['payload'][PAYLOAD_BRANCH.web].deviceType).toBe(
      'unknown',
    );
  });
});

describe('v2 writer → v1 reader', () => {
  it.each(cases(v2Fixtures))(
    'given v2 bytes of %s, when decoded by v1, then v2-only fields are dropped',
    (_n, fixture) => {
      const decoded = v1Reader.decode(v2Reader.encode(fixture.value));
      expect(decoded).toEqual(downgraded(fixture.value));
      expect(decoded).not.toHaveProperty('locale');
    },
  );

  it('given a v2 identifier of type hashed_email, when decoded by v1, then its type is the enum default other', () => {
    const email = v2Fixtures.find((f) => f.name === 'email')?.value as Json;
    expect(email['identifiers'].map((id: Json) => id['type'])).toContain('hashed_email');
    const decoded = v1Reader.decode(v2Reader.encode(email));
    expect(decoded['identifiers'].map((id: Json) => id['type'])).toEqual(['email', 'other']);
  });
});

describe('writer version as chosen by the codec', () => {
  it('given a v1 codec and a v2 codec, when each encodes, then each header names its own schema', () => {
    const value = v1Fixtures[0]?.value as Json;
    expect(v1Reader.encode(value).readBigUInt64LE(2)).toBe(v1Reader.fingerprint);
    expect(v2Reader.encode(upgraded(value)).readBigUInt64LE(2)).toBe(v2Reader.fingerprint);
    expect(v1Reader.fingerprint).not.toBe(v2Reader.fingerprint);
  });
});
