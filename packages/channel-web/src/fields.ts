import type { ValidationIssue } from '@c360/errors';
import type { JsonValue } from '@c360/touchpoint';
import { parseIsoTimestamp } from './timestamps';

/**
 * Readers of one JSON field each: they return the value in the wanted type, or null when the
 * field is absent or JSON null (Segment's libraries send `userId: null` before identify), and
 * record an issue at `path` when it is present with the wrong type. Callers collect all
 * issues of a request, so one 400 names every bad field.
 */

export type JsonObject = { [key: string]: JsonValue };

export type Issues = ValidationIssue[];

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const absent = (value: unknown): value is null | undefined => value === undefined || value === null;

export function readObject(value: unknown, path: string, issues: Issues): JsonObject | null {
  if (absent(value)) return null;
  if (isObject(value)) return value;
  issues.push({ path, message: 'must be an object' });
  return null;
}

export function readString(value: unknown, path: string, issues: Issues): string | null {
  if (absent(value)) return null;
  if (typeof value === 'string') return value;
  issues.push({ path, message: 'must be a string' });
  return null;
}

/**
 * An id (userId, anonymousId, groupId, previousId): a string, trimmed; a blank one counts as
 * absent. Numbers are taken as their decimal text, as Segment's API casts numeric ids.
 */
export function readId(value: unknown, path: string, issues: Issues): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  const text = readString(value, path, issues)?.trim();
  return text ? text : null;
}

/** An ISO-8601 date-time string (spec: "All timestamps are ISO-8601 date strings"), as epoch ms. */
export function readTimestamp(value: unknown, path: string, issues: Issues): number | null {
  const text = readString(value, path, issues);
  if (text === null) return null;
  const parsed = parseIsoTimestamp(text);
  if (parsed === undefined)
    issues.push({ path, message: 'must be an ISO-8601 date-time, e.g. 2026-03-14T09:26:53.589Z' });
  return parsed ?? null;
}

/** A flat object of strings (context.campaign: name, source, medium, term, content and custom utm_ keys). */
export function readStringMap(value: unknown, path: string, issues: Issues): Record<string, string> | null {
  const object = readObject(value, path, issues);
  if (!object) return null;
  const map: Record<string, string> = {};
  for (const [key, entry] of Object.entries(object)) {
    const text = readString(entry, `${path}.${key}`, issues);
    if (text !== null) map[key] = text;
  }
  return Object.keys(map).length > 0 ? map : null;
}

/** `{ key: boolean }` or null when it is anything else (consent preferences are optional extras, never a 400). */
export function booleanMap(value: unknown): Record<string, boolean> | null {
  if (!isObject(value)) return null;
  const entries = Object.entries(value);
  if (entries.length === 0 || !entries.every(([, v]) => typeof v === 'boolean')) return null;
  return Object.fromEntries(entries) as Record<string, boolean>;
}
