import { ValidationError, type ValidationIssue } from '@c360/errors';
import { IDENTIFIER_TYPES } from '@c360/touchpoint';
import { isSupportedCountry } from 'libphonenumber-js/max';

const KNOWN_TYPES: ReadonlySet<string> = new Set(IDENTIFIER_TYPES);

/**
 * Checks a merged policy as it may arrive from configuration (untyped at run time).
 * @throws ValidationError listing every issue with its path, e.g. `types.email.limit`.
 */
export function validatePolicy(policy: {
  ruleVersion: unknown;
  defaultRegion: unknown;
  types: Record<string, unknown>;
  blocked: Record<string, unknown>;
}): void {
  const issues: ValidationIssue[] = [];
  const fail = (path: string, message: string) => issues.push({ path, message });

  if (typeof policy.ruleVersion !== 'string' || policy.ruleVersion.trim() === '') {
    fail('ruleVersion', 'must be a non-empty string');
  }
  if (typeof policy.defaultRegion !== 'string' || !isSupportedCountry(policy.defaultRegion)) {
    fail('defaultRegion', `must be an ISO 3166-1 alpha-2 region known to libphonenumber-js, e.g. 'US'`);
  }
  for (const type of Object.keys(policy.types)) {
    if (!KNOWN_TYPES.has(type)) fail(`types.${type}`, 'is not an identifier type');
  }
  for (const type of Object.keys(policy.blocked)) {
    if (!KNOWN_TYPES.has(type)) fail(`blocked.${type}`, 'is not an identifier type');
  }
  for (const type of IDENTIFIER_TYPES) {
    checkRule(policy.types[type], `types.${type}`, fail);
    checkBlockList(policy.blocked[type], `blocked.${type}`, fail);
  }

  if (issues.length > 0) {
    const summary = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
    throw new ValidationError(`invalid identity policy: ${summary}`, { issues, code: 'invalid_identity_policy' });
  }
}

type Fail = (path: string, message: string) => void;

function checkRule(rule: unknown, path: string, fail: Fail): void {
  if (!isRecord(rule)) return fail(path, 'must be an object { rank, limit, matchable, shared }');
  if (!Number.isInteger(rule.rank) || (rule.rank as number) < 0) fail(`${path}.rank`, 'must be an integer ≥ 0');
  if (!Number.isInteger(rule.limit) || (rule.limit as number) < 1) fail(`${path}.limit`, 'must be an integer ≥ 1');
  if (typeof rule.matchable !== 'boolean') fail(`${path}.matchable`, 'must be a boolean');
  if (typeof rule.shared !== 'boolean') fail(`${path}.shared`, 'must be a boolean');
}

function checkBlockList(list: unknown, path: string, fail: Fail): void {
  if (!isRecord(list)) return fail(path, 'must be an object { values, patterns }');
  if (!Array.isArray(list.values)) {
    fail(`${path}.values`, 'must be an array of strings');
  } else {
    list.values.forEach((value: unknown, i) => {
      if (typeof value !== 'string') fail(`${path}.values[${i}]`, 'must be a string');
    });
  }
  if (!Array.isArray(list.patterns)) {
    fail(`${path}.patterns`, 'must be an array of regular expressions');
  } else {
    list.patterns.forEach((pattern: unknown, i) => {
      if (!(pattern instanceof RegExp)) fail(`${path}.patterns[${i}]`, 'must be a RegExp');
      // RegExp#test on a g or y pattern resumes at lastIndex, so the same value would
      // alternate between blocked and not blocked.
      else if (pattern.global || pattern.sticky) fail(`${path}.patterns[${i}]`, 'must not have the g or y flag');
    });
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
