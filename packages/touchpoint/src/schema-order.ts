/**
 * Orders schema documents (one named type per .avsc file) so that each comes
 * after every document defining a type it references: avsc resolves a named
 * reference only against types already in its registry.
 *
 * Contract: throws when a reference names no document's type (and is not defined
 * inline in the same document), or when documents reference each other in a cycle
 * (a self-reference inside one document is fine).
 */

const PRIMITIVES = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);
const COMPLEX = new Set(['record', 'error', 'enum', 'fixed', 'array', 'map']);

export interface SchemaDocument {
  /** For messages only, e.g. the file name. */
  origin: string;
  schema: unknown;
}

interface Names {
  defines: Set<string>;
  references: Set<string>;
}

export function orderSchemaDocuments<D extends SchemaDocument>(documents: readonly D[]): D[] {
  const names = documents.map((doc) => collectNames(doc.schema));
  const definedBy = new Map<string, number>();
  names.forEach((n, i) => n.defines.forEach((name) => definedBy.set(name, i)));

  const ordered: D[] = [];
  const state = new Map<number, 'visiting' | 'done'>();
  const visit = (i: number, chain: string[]): void => {
    const doc = documents[i] as D;
    if (state.get(i) === 'done') return;
    if (state.get(i) === 'visiting') throw new Error(`schema reference cycle: ${[...chain, doc.origin].join(' -> ')}`);
    state.set(i, 'visiting');
    for (const ref of (names[i] as Names).references) {
      if ((names[i] as Names).defines.has(ref)) continue;
      const j = definedBy.get(ref);
      if (j === undefined) throw new Error(`${doc.origin}: undefined type name ${ref}`);
      visit(j, [...chain, doc.origin]);
    }
    state.set(i, 'done');
    ordered.push(doc);
  };
  documents.forEach((_, i) => visit(i, []));
  return ordered;
}

/** Full names a schema defines and references (names qualified by the enclosing namespace). */
export function collectNames(schema: unknown): Names {
  const result: Names = { defines: new Set(), references: new Set() };
  const walk = (node: unknown, namespace: string): void => {
    if (typeof node === 'string') {
      if (!PRIMITIVES.has(node)) result.references.add(qualify(node, namespace));
    } else if (Array.isArray(node)) {
      node.forEach((branch) => walk(branch, namespace));
    } else if (node !== null && typeof node === 'object') {
      const s = node as Record<string, unknown>;
      const type = s['type'];
      if (typeof type !== 'string' || !COMPLEX.has(type)) return walk(type, namespace);
      if (type === 'array') return walk(s['items'], namespace);
      if (type === 'map') return walk(s['values'], namespace);
      const ns = typeof s['namespace'] === 'string' ? s['namespace'] : namespace;
      const fullName = qualify(String(s['name']), ns);
      result.defines.add(fullName);
      const inner = fullName.includes('.') ? fullName.slice(0, fullName.lastIndexOf('.')) : '';
      const fields = Array.isArray(s['fields']) ? (s['fields'] as Array<Record<string, unknown>>) : [];
      fields.forEach((field) => walk(field['type'], inner));
    }
  };
  walk(schema, '');
  return result;
}

function qualify(name: string, namespace: string): string {
  return name.includes('.') || namespace === '' ? name : `${namespace}.${name}`;
}
