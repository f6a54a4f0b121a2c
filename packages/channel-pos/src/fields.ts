import type { ValidationIssue } from '@c360/errors';

/**
 * Field readers that collect issues instead of throwing, so one request reports every
 * bad path at once. `null` and absent count as absent for optional fields.
 */
export type JsonObject = Record<string, unknown>;

export const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

export class Reader {
  readonly issues: ValidationIssue[] = [];
  constructor(readonly at: string) {}

  path(field: string): string {
    if (this.at === '') return field;
    return field.startsWith('[') ? `${this.at}${field}` : `${this.at}.${field}`;
  }

  fail(field: string, message: string): null {
    this.issues.push({ path: this.path(field), message });
    return null;
  }

  /** A non-empty string (trimmed), or null — with an issue when `required` or of the wrong type. */
  string(object: JsonObject, key: string, required = false, field = key): string | null {
    const v = object[key];
    if (v === undefined || v === null) return required ? this.fail(field, 'is required') : null;
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
    if (typeof v !== 'string') return this.fail(field, 'must be a string');
    if (v.trim() === '') return required ? this.fail(field, 'must be a non-empty string') : null;
    return v.trim();
  }

  /** An integer within [min, max]; absent is `fallback`. */
  integer(object: JsonObject, key: string, fallback: number | null, range: { min?: number; max?: number } = {}) {
    const v = object[key];
    if (v === undefined || v === null) return fallback;
    const { min = -2_147_483_648, max = 2_147_483_647 } = range;
    if (typeof v !== 'number' || !Number.isInteger(v)) return this.fail(key, 'must be an integer');
    if (v < min || v > max) return this.fail(key, `must be between ${min} and ${max}`);
    return v;
  }

  /** An array of non-empty strings; absent is []. */
  strings(object: JsonObject, key: string): string[] {
    const v = object[key];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) return this.fail(key, 'must be an array of strings') ?? [];
    const out: string[] = [];
    v.forEach((item, i) => {
      if (typeof item !== 'string' || item.trim() === '') this.fail(`${key}[${i}]`, 'must be a non-empty string');
      else out.push(item.trim());
    });
    return out;
  }
}
