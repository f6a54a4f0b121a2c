import type { Type, types } from 'avsc';
import { describe, expect, it } from 'vitest';
import { getTouchpointSchemas } from './default-schemas';
import { exampleTouchpoints } from './testing/examples';
import { readFixtures } from './testing/fixtures';
import { CALL_CATEGORIES, CALL_DIRECTIONS, CHANNELS, DEVICE_TYPES, IDENTIFIER_TYPES, PAYLOAD_BRANCH } from './types';
import { unwrapPayload } from './payload';
import { touchpointIssues } from './validate';

/**
 * The hand-written TypeScript types (types.ts) must match the current schema. The
 * examples are typed `Touchpoint` with every field present, so tsc pins their keys
 * to the TS interfaces; these tests pin the same keys, and the enum symbols, to the
 * .avsc files, and the examples to the saved v2 fixtures.
 */
const current = getTouchpointSchemas().current;
const registry = new Map<string, Type>();
collectNamed(current.type);

function collectNamed(type: Type): void {
  if (type.name !== undefined) {
    if (registry.has(type.name)) return;
    registry.set(type.name, type);
  }
  if (type.typeName === 'record') (type as types.RecordType).fields.forEach((f) => collectNamed(f.type));
  if (type.typeName === 'array') collectNamed((type as types.ArrayType).itemsType);
  if (type.typeName === 'map') collectNamed((type as types.MapType).valuesType as Type);
  if (type.typeName.startsWith('union')) (type as types.WrappedUnionType).types.forEach(collectNamed);
}

const fieldsOf = (name: string): string[] =>
  (registry.get(`c360.touchpoint.${name}`) as types.RecordType).fields.map((f) => f.name);
const symbolsOf = (name: string): readonly string[] =>
  (registry.get(`c360.touchpoint.${name}`) as types.EnumType).symbols;

describe('TypeScript types ↔ current schema', () => {
  it('given the enum constants, when compared with the schema, then symbols and order match', () => {
    expect(CHANNELS).toEqual(symbolsOf('Channel'));
    expect(IDENTIFIER_TYPES).toEqual(symbolsOf('IdentifierType'));
    expect(DEVICE_TYPES).toEqual(symbolsOf('DeviceType'));
    expect(CALL_DIRECTIONS).toEqual(symbolsOf('CallDirection'));
    expect(CALL_CATEGORIES).toEqual(symbolsOf('CallCategory'));
  });

  it('given the payload branch map, when compared with the payload union, then it names exactly its record branches', () => {
    const union = (registry.get('c360.touchpoint.Touchpoint') as types.RecordType).field('payload')
      .type as types.WrappedUnionType;
    expect(union.types.map((t) => t.branchName)).toEqual(['null', ...Object.values(PAYLOAD_BRANCH)]);
  });

  it.each(Object.entries(exampleTouchpoints))(
    'given example %s, when its records are compared with the schema, then keys equal field names',
    (_name, tp) => {
      expect(Object.keys(tp)).toEqual(fieldsOf('Touchpoint'));
      expect(Object.keys(tp.source)).toEqual(fieldsOf('Source'));
      tp.identifiers.forEach((id) => expect(Object.keys(id)).toEqual(fieldsOf('Identifier')));
      const payload = unwrapPayload(tp.payload);
      if (payload === null) throw new Error('examples carry a payload');
      expect(Object.keys(payload.payload)).toEqual(
        fieldsOf(PAYLOAD_BRANCH[payload.channel].split('.').pop() as string),
      );
      if (payload.channel === 'pos')
        payload.payload.lines.forEach((line) => expect(Object.keys(line)).toEqual(fieldsOf('PosLine')));
    },
  );

  it('given the examples, when taken together, then every channel is covered', () => {
    expect(new Set(Object.values(exampleTouchpoints).map((tp) => tp.channel))).toEqual(new Set(CHANNELS));
  });

  it('given the saved v2 fixtures, when compared with the typed examples, then they are equal and valid', () => {
    const fixtures = readFixtures(current.name);
    expect(fixtures.map((f) => f.name).sort()).toEqual(Object.keys(exampleTouchpoints).sort());
    for (const fixture of fixtures) {
      expect(fixture.value).toEqual(exampleTouchpoints[fixture.name]);
      expect(touchpointIssues(fixture.value)).toEqual([]);
    }
  });
});
