import { createHash } from 'node:crypto';
import { ValidationError, type ValidationIssue } from '@c360/errors';

/**
 * Deterministic touchpoint ids: a re-sent source record gets the same id, which is
 * what makes ingestion idempotent end to end.
 *
 * touchpointId = UUIDv5 (RFC 9562, SHA-1 name-based) in TOUCHPOINT_ID_NAMESPACE of the
 * UTF-8 text `JSON.stringify([system, sourceId])` — the JSON array keeps the pair
 * unambiguous (no separator a source id could contain). A UUID so that the id can
 * serve directly as an event id in any event store. Never change the namespace or
 * the name format: every stored id depends on them.
 */

export const TOUCHPOINT_ID_NAMESPACE = 'b2853edb-8cce-4eb5-bf71-5096c0886933';

/** Lower-case slug: what `source.system` must look like (part of every id; `Shopify` and `shopify` would differ). */
export const SOURCE_SYSTEM_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;

export interface TouchpointIdInput {
  system: string;
  /** The source's own id of the record. */
  sourceId: string;
}

export function touchpointId({ system, sourceId }: TouchpointIdInput): string {
  const issues = touchpointIdIssues({ system, sourceId });
  if (issues.length > 0) {
    throw new ValidationError(
      `cannot derive a touchpointId: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      {
        issues,
      },
    );
  }
  const name = JSON.stringify([system, sourceId]);
  let id = recent.get(name) ?? older.get(name);
  if (id === undefined) {
    id = uuidV5(TOUCHPOINT_ID_NAMESPACE, name);
    remember(name, id);
  }
  return id;
}

/**
 * The ids derived last, by name: an adapter derives a touchpoint's id and encoding
 * checks it moments later, so the second derivation is a lookup. Two generations of
 * at most RECENT_IDS entries each; the older one is dropped when the newer fills up.
 */
const RECENT_IDS = 4096;
let recent = new Map<string, string>();
let older = new Map<string, string>();
function remember(name: string, id: string): void {
  if (recent.size >= RECENT_IDS) [older, recent] = [recent, new Map()];
  recent.set(name, id);
}

export function touchpointIdIssues({ system, sourceId }: TouchpointIdInput, prefix = ''): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (typeof system !== 'string' || !SOURCE_SYSTEM_PATTERN.test(system)) {
    issues.push({ path: `${prefix}system`, message: `must be a lower-case slug matching ${SOURCE_SYSTEM_PATTERN}` });
  }
  if (typeof sourceId !== 'string' || sourceId.trim() === '') {
    issues.push({ path: `${prefix}sourceId`, message: 'must be a non-empty string' });
  }
  return issues;
}

/** Namespace text → bytes, for the namespaces in use (a handful). */
const namespaceBytes = new Map<string, Buffer>();

/** UUID version 5 of `name` (UTF-8) in `namespace` (a UUID string). */
export function uuidV5(namespace: string, name: string): string {
  let ns = namespaceBytes.get(namespace);
  if (ns === undefined) {
    ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
    if (ns.length !== 16) throw new Error(`not a UUID: ${namespace}`);
    if (namespaceBytes.size < 64) namespaceBytes.set(namespace, ns);
  }
  const bytes = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
