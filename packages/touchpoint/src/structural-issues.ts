import type { Type, types } from 'avsc';
import type { ValidationIssue } from '@c360/errors';
import { formatPath, type PathSegment } from './paths';

/**
 * Checks a value against an avsc type and names every offending field:
 * wrong or missing values through avsc's `isValid` errorHook (which reports the
 * path of each invalid leaf), and fields the schema does not declare through our
 * own walk (avsc's `noUndeclaredFields` stops at the first record that has one).
 */
export function structuralIssues(type: Type, value: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  type.isValid(value, {
    errorHook: (path: string[], bad: unknown, leaf: Type) => {
      issues.push({ path: formatPath(toSegments(type, path)), message: describeMismatch(bad, leaf) });
    },
  });
  collectUndeclared(type, value, [], issues);
  return issues;
}

/** avsc's string path → segments: array indices as numbers, wrapped-union branch names dropped. */
function toSegments(root: Type, path: readonly string[]): PathSegment[] {
  const segments: PathSegment[] = [];
  let type = root;
  for (const step of path) {
    type = pickBranch(type, step);
    if (type.typeName === 'record') {
      segments.push(step);
      type = (type as types.RecordType).field(step)?.type ?? type;
    } else if (type.typeName === 'array') {
      segments.push(Number(step));
      type = (type as types.ArrayType).itemsType;
    } else if (type.typeName === 'map') {
      segments.push(step);
      type = (type as types.MapType).valuesType as Type;
    } else if (type.typeName === 'union:wrapped') {
      type = (type as types.WrappedUnionType).types.find((branch) => branch.branchName === step) ?? type;
    } else {
      segments.push(step);
    }
  }
  return segments;
}

/** For an unwrapped union (`["null", T]`), the branch a path can descend into. */
function pickBranch(type: Type, step: string): Type {
  if (type.typeName !== 'union:unwrapped') return type;
  const branches = (type as types.UnwrappedUnionType).types;
  return (
    branches.find((b) => b.typeName === 'record' && (b as types.RecordType).field(step) !== undefined) ??
    branches.find((b) => ['array', 'map', 'union:wrapped'].includes(b.typeName)) ??
    type
  );
}

/** `at` is the path so far; it is extended and restored in place (no copy per field when all is well). */
function descend(type: Type, value: unknown, at: PathSegment[], segment: PathSegment, issues: ValidationIssue[]): void {
  if (value === null || typeof value !== 'object') return;
  at.push(segment);
  collectUndeclared(type, value, at, issues);
  at.pop();
}

function collectUndeclared(type: Type, value: unknown, at: PathSegment[], issues: ValidationIssue[]): void {
  if (value === null || typeof value !== 'object') return;
  switch (type.typeName) {
    case 'record': {
      const record = type as types.RecordType;
      for (const key of Object.keys(value)) {
        if (record.field(key) === undefined) {
          issues.push({
            path: formatPath([...at, key]),
            message: `unknown field: ${record.name ?? 'the record'} has no field ${JSON.stringify(key)}`,
          });
        }
      }
      for (const field of record.fields)
        descend(field.type, (value as Record<string, unknown>)[field.name], at, field.name, issues);
      return;
    }
    case 'array':
      if (Array.isArray(value))
        value.forEach((item, i) => descend((type as types.ArrayType).itemsType, item, at, i, issues));
      return;
    case 'map':
      for (const [key, item] of Object.entries(value))
        descend((type as types.MapType).valuesType as Type, item, at, key, issues);
      return;
    case 'union:wrapped': {
      const keys = Object.keys(value);
      const branch =
        keys.length === 1 ? (type as types.WrappedUnionType).types.find((b) => b.branchName === keys[0]) : undefined;
      if (branch) collectUndeclared(branch, (value as Record<string, unknown>)[keys[0] as string], at, issues);
      return;
    }
    case 'union:unwrapped':
      for (const branch of (type as types.UnwrappedUnionType).types) {
        if (branch.typeName === (Array.isArray(value) ? 'array' : 'record'))
          collectUndeclared(branch, value, at, issues);
      }
      return;
  }
}

function describeMismatch(value: unknown, type: Type): string {
  const expected = describeType(type);
  if (value === undefined) return `is required (${expected})`;
  return `expected ${expected}, got ${describeValue(value)}`;
}

function describeType(type: Type): string {
  switch (type.typeName) {
    case 'enum':
      return `one of ${(type as types.EnumType).symbols.join(' | ')}`;
    case 'record':
      return `a ${type.name ?? 'record'} object`;
    case 'union:unwrapped':
      return (type as types.UnwrappedUnionType).types.map(describeType).join(' or ');
    case 'union:wrapped': {
      const branches = (type as types.WrappedUnionType).types.filter((b) => b.typeName !== 'null');
      const nullable = branches.length < (type as types.WrappedUnionType).types.length ? 'null or ' : '';
      return `${nullable}an object with exactly one key, the branch name (one of ${branches.map((b) => b.branchName).join(', ')})`;
    }
    case 'null':
      return 'null';
    case 'int':
      return 'an integer (32-bit)';
    case 'long':
      return 'a safe integer';
    default:
      return `${type.typeName}`;
  }
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value !== null && typeof value === 'object')
    return `an object with keys ${Object.keys(value).slice(0, 5).join(', ') || '(none)'}`;
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
