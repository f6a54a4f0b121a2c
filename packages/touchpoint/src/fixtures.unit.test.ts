import { describe, expect, it } from 'vitest';
import { createTouchpointCodec } from './codec';
import { getTouchpointSchemas } from './default-schemas';
import { readFixtures } from './testing/fixtures';
import { touchpointIssues } from './validate';

/**
 * Per schema version: its saved fixtures are valid for that version, survive an
 * encode/decode round trip with that version's codec, and the saved single-object
 * bytes (`<name>.bin`, written once) still decode to the fixture and are exactly
 * what encoding the fixture produces today. A changed .avsc of a published version
 * changes its fingerprint and fails here.
 */
describe.each(getTouchpointSchemas().versions.map((v) => [v.name, v] as const))(
  'schema %s fixtures',
  (name, version) => {
    const codec = createTouchpointCodec<Record<string, unknown>>({ version: name });
    const fixtures = readFixtures(name);

    it('given the fixture directory, when read, then it holds one fixture per channel, each with saved bytes', () => {
      const channels = new Set(fixtures.map((f) => f.value['channel']));
      expect([...channels].sort()).toEqual(['call_center', 'email', 'pos', 'web']);
      expect(fixtures.filter((f) => f.encoded === undefined).map((f) => f.name)).toEqual([]);
    });

    it.each(fixtures.map((f) => [f.name, f] as const))(
      'given fixture %s, when validated against its version, then there is no issue',
      (_n, fixture) => {
        expect(touchpointIssues(fixture.value, version.type)).toEqual([]);
      },
    );

    it.each(fixtures.map((f) => [f.name, f] as const))(
      'given fixture %s, when encoded and decoded, then the value is unchanged',
      (_n, fixture) => {
        expect(codec.decode(codec.encode(fixture.value))).toEqual(fixture.value);
      },
    );

    it.each(fixtures.map((f) => [f.name, f] as const))(
      'given the saved bytes of %s, when decoded and re-encoded, then both match the fixture',
      (_n, fixture) => {
        const saved = fixture.encoded as Buffer;
        expect(saved.readBigUInt64LE(2)).toBe(version.fingerprint);
        expect(codec.decode(saved)).toEqual(fixture.value);
        expect(codec.encode(fixture.value).equals(saved)).toBe(true);
      },
    );
  },
);
