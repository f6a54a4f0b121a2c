/**
 * Avro Parsing Canonical Form (PCF), per the Avro specification: the text two
 * schemas share exactly when they read and write the same bytes. Its Rabin
 * fingerprint is the schema id in single-object encoding.
 *
 * Rules applied: primitives as bare strings; named types by full name (namespace
 * folded in); a named type written in full at its first occurrence and by name
 * afterwards; only name/type/fields/symbols/items/values/size kept, in that order
 * (so doc, aliases, defaults, order and logicalType are stripped — editing a `doc`
 * does not change a fingerprint, but neither does changing a default); no whitespace.
 *
 * Input is a parsed schema (JSON value), e.g. avsc's `type.schema()`.
 */

const PRIMITIVES = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);
const NAMED = new Set(['record', 'error', 'enum', 'fixed']);

export function parsingCanonicalForm(schema: unknown): string {
  const defined = new Set<string>();

  const write = (node: unknown, namespace: string): string => {
    if (typeof node === 'string') {
      return JSON.stringify(PRIMITIVES.has(node) ? node : qualify(node, namespace));
    }
    if (Array.isArray(node)) {
      return `[${node.map((branch) => write(branch, namespace)).join(',')}]`;
    }
    if (node === null || typeof node !== 'object') {
      throw new Error(`not an Avro schema: ${JSON.stringify(node)}`);
    }
    const s = node as Record<string, unknown>;
    const type = s['type'];
    if (typeof type !== 'string') return write(type, namespace); // {"type": {...}} / {"type": [...]}
    if (PRIMITIVES.has(type)) return JSON.stringify(type);
    if (type === 'array') return `{"type":"array","items":${write(s['items'], namespace)}}`;
    if (type === 'map') return `{"type":"map","values":${write(s['values'], namespace)}}`;
    if (!NAMED.has(type)) return write(type, namespace); // a reference written as {"type": "Name"}

    const ns = typeof s['namespace'] === 'string' ? s['namespace'] : namespace;
    const fullName = qualify(String(s['name']), ns);
    if (defined.has(fullName)) return JSON.stringify(fullName);
    defined.add(fullName);
    const head = `{"name":${JSON.stringify(fullName)},"type":${JSON.stringify(type === 'error' ? 'record' : type)}`;
    if (type === 'enum') return `${head},"symbols":${JSON.stringify(s['symbols'])}}`;
    if (type === 'fixed') return `${head},"size":${Number(s['size'])}}`;
    const inner = namespaceOf(fullName);
    const fields = (s['fields'] as Array<Record<string, unknown>>).map(
      (field) => `{"name":${JSON.stringify(field['name'])},"type":${write(field['type'], inner)}}`,
    );
    return `${head},"fields":[${fields.join(',')}]}`;
  };

  return write(schema, '');
}

function qualify(name: string, namespace: string): string {
  return name.includes('.') || namespace === '' ? name : `${namespace}.${name}`;
}

function namespaceOf(fullName: string): string {
  const dot = fullName.lastIndexOf('.');
  return dot < 0 ? '' : fullName.slice(0, dot);
}
