import { cpSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCHEMA_DIR, loadTouchpointSchemas } from './schemas';
import { orderSchemaDocuments } from './schema-order';

const scratch = mkdtempSync(join(tmpdir(), 'c360-touchpoint-schemas-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of the repository's schemas under a fresh directory, to break on purpose. */
function copyOfSchemas(name: string): string {
  const dir = join(scratch, name);
  cpSync(DEFAULT_SCHEMA_DIR, dir, { recursive: true });
  return dir;
}

describe('loadTouchpointSchemas', () => {
  it('given the repository schemas, when loaded, then v1 and v2 are found oldest first and v2 is current', () => {
    const schemas = loadTouchpointSchemas();
    expect(schemas.versions.map((v) => v.name)).toEqual(['v1', 'v2']);
    expect(schemas.current.name).toBe('v2');
    expect(schemas.versions[0]?.fingerprint).not.toBe(schemas.versions[1]?.fingerprint);
    for (const version of schemas.versions) {
      expect(schemas.byFingerprint(version.fingerprint)).toBe(version);
      expect(schemas.byName(version.name)).toBe(version);
    }
  });

  it('given a v3 that only edits a doc string of v2, when loaded, then loading fails: same canonical form', () => {
    const dir = copyOfSchemas('doc-only');
    mkdirSync(join(dir, 'v3'));
    cpSync(join(dir, 'v2'), join(dir, 'v3'), { recursive: true });
    const file = join(dir, 'v3', 'Source.avsc');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Where a touchpoint came from.', 'Origin.'));
    expect(() => loadTouchpointSchemas(dir)).toThrow(/v2 and v3 have the same canonical form/);
  });

  it('given a schema that references an undefined type, when loaded, then the error names the file and the type', () => {
    const dir = copyOfSchemas('undefined-ref');
    rmSync(join(dir, 'v2', 'PosLine.avsc'));
    expect(() => loadTouchpointSchemas(dir)).toThrow(/PosPayload\.avsc: undefined type name c360\.touchpoint\.PosLine/);
  });

  it('given a directory without version folders, when loaded, then loading fails', () => {
    const dir = join(scratch, 'empty');
    mkdirSync(dir);
    expect(() => loadTouchpointSchemas(dir)).toThrow(/no schema versions/);
  });
});

describe('orderSchemaDocuments', () => {
  const record = (name: string, fieldType: unknown) => ({
    type: 'record',
    name,
    namespace: 'n',
    fields: [{ name: 'f', type: fieldType }],
  });

  it('given documents listed before their dependencies, when ordered, then every dependency comes first', () => {
    const docs = [
      { origin: 'A', schema: record('A', ['null', 'B']) },
      { origin: 'B', schema: record('B', { type: 'array', items: 'n.C' }) },
      { origin: 'C', schema: record('C', 'string') },
    ];
    expect(orderSchemaDocuments(docs).map((d) => d.origin)).toEqual(['C', 'B', 'A']);
  });

  it('given two documents that reference each other, when ordered, then a cycle is reported', () => {
    const docs = [
      { origin: 'A', schema: record('A', 'B') },
      { origin: 'B', schema: record('B', 'A') },
    ];
    expect(() => orderSchemaDocuments(docs)).toThrow(/cycle: A -> B -> A/);
  });

  it('given a record that references itself, when ordered, then it is accepted', () => {
    const docs = [{ origin: 'Node', schema: record('Node', ['null', 'Node']) }];
    expect(orderSchemaDocuments(docs).map((d) => d.origin)).toEqual(['Node']);
  });
});
