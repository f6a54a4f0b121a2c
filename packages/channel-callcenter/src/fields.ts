import type { ValidationIssue } from '@c360/errors';

/**
 * Field readers that collect issues instead of throwing, so one request reports every
 * bad path at once. `null` and absent count as absent for optional fields.
 */
export type JsonObject = Record<string, unknown>;

export const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

export class Reader {
  readonly issues: ValidationIssue[] = [];
  constructor(private readonly at: string) {}

  path(field: string): string {
    return this.at === '' ? field : `${this.at}.${field}`;
  }

  fail(field: string, message: string): null {
    this.issues.push({ path: this.path(field), message });
    return null;
  }

  /** A non-empty string, or null with an issue when `required`. */
  string(object: JsonObject, key: string, field: string, required = false): string | null {
    const v = object[key];
    if (v === undefined || v === null) return required ? this.fail(field, 'is required') : null;
    if (typeof v !== 'string') return this.fail(field, 'must be a string');
    if (v.trim() === '') return required ? this.fail(field, 'must be a non-empty string') : null;
    return v;
  }

  /** A whole number of seconds >= 0; absent is null. */
  seconds(object: JsonObject, key: string, field: string): number | null {
    const v = object[key];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) return this.fail(field, 'must be an integer >= 0');
    return v;
  }

  /** A nested object; absent is null. */
  object(object: JsonObject, key: string, field: string): JsonObject | null {
    const v = object[key];
    if (v === undefined || v === null) return null;
    return isObject(v) ? v : this.fail(field, 'must be an object');
  }
}
