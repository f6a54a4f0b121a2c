import { describe, expect, it } from 'vitest';
import { parsingCanonicalForm } from './canonical-form';
import { rabinOfText } from './rabin';
import { getTouchpointSchemas } from './default-schemas';

// Cases from Apache Avro's share/test/data/schema-tests.txt: input, canonical form, fingerprint.
const SPEC_CASES: Array<[string, string, bigint]> = [
  ['{"type":"null"}', '"null"', 7195948357588979594n],
  ['[ "int" , {"type":"boolean"} ]', '["int","boolean"]', 5392556393470105090n],
  [
    '{"fields":[], "type":"record", "name":"foo", "namespace":"x.y"}',
    '{"name":"x.y.foo","type":"record","fields":[]}',
    5916914534497305771n,
  ],
  [
    '{"fields":[], "type":"record", "name":"a.b.foo", "namespace":"x.y"}',
    '{"name":"a.b.foo","type":"record","fields":[]}',
    -4616218487480524110n,
  ],
  [
    '{"fields":[], "type":"record", "name":"foo", "doc":"foo", "aliases":["foo","bar"]}',
    '{"name":"foo","type":"record","fields":[]}',
    -4824392279771201922n,
  ],
  [
    '{"fields":[{"type":"boolean","aliases":[],"name":"f1","default":"true"},{"order":"descending","name":"f2","doc":"Hello","type":"int"}],"type":"record","name":"foo"}',
    '{"name":"foo","type":"record","fields":[{"name":"f1","type":"boolean"},{"name":"f2","type":"int"}]}',
    -4860222112080293046n,
  ],
  [
    '{"namespace":"x.y.z", "type":"enum", "name":"foo", "doc":"foo bar", "symbols":["A1", "A2"]}',
    '{"name":"x.y.z.foo","type":"enum","symbols":["A1","A2"]}',
    -4448647247586288245n,
  ],
  [
    '{"namespace":"x.y.z", "type":"fixed", "name":"foo", "doc":"foo bar", "size":32}',
    '{"name":"x.y.z.foo","type":"fixed","size":32}',
    -3064184465700546786n,
  ],
  ['{ "items":{"type":"null"}, "type":"array"}', '{"type":"array","items":"null"}', -589620603366471059n],
  ['{ "values":"string", "type":"map"}', '{"type":"map","values":"string"}', -8732877298790414990n],
  [
    '{"name":"PigValue","type":"record","fields":[{"name":"value", "type":["null", "int", "long", "PigValue"]}]}',
    '{"name":"PigValue","type":"record","fields":[{"name":"value","type":["null","int","long","PigValue"]}]}',
    -1759257747318642341n,
  ],
];

describe('Parsing Canonical Form', () => {
  it.each(SPEC_CASES)(
    'given the schema %s, when canonicalised, then text and fingerprint match the Avro test data',
    (input, canonical, signed) => {
      const form = parsingCanonicalForm(JSON.parse(input));
      expect(form).toBe(canonical);
      expect(rabinOfText(form)).toBe(BigInt.asUintN(64, signed));
    },
  );

  it('given a long with logicalType timestamp-millis, when canonicalised, then the logical type is stripped', () => {
    expect(parsingCanonicalForm({ type: 'long', logicalType: 'timestamp-millis' })).toBe('"long"');
  });

  it('given a named type used twice, when canonicalised, then the second use is its full name', () => {
    const schema = {
      type: 'record',
      name: 'R',
      namespace: 'n',
      fields: [
        { name: 'a', type: { type: 'enum', name: 'E', symbols: ['X'] } },
        { name: 'b', type: 'E' },
      ],
    };
    expect(parsingCanonicalForm(schema)).toBe(
      '{"name":"n.R","type":"record","fields":[{"name":"a","type":{"name":"n.E","type":"enum","symbols":["X"]}},{"name":"b","type":"n.E"}]}',
    );
  });

  it.each(getTouchpointSchemas().versions.map((v) => [v.name, v] as const))(
    'given touchpoint schema %s, when canonicalised, then it equals avsc own canonical export (two implementations agree)',
    (_name, version) => {
      expect(version.canonicalForm).toBe(JSON.stringify(version.type.schema()));
    },
  );
});
