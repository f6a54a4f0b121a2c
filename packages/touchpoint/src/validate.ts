import type { Type } from 'avsc';
import { ValidationError, type ValidationIssue } from '@c360/errors';
import { semanticIssues } from './semantic-issues';
import { structuralIssues } from './structural-issues';
import { getTouchpointSchemas } from './default-schemas';
import type { Touchpoint } from './types';

/**
 * Validation of a touchpoint before it is encoded: first against the Avro schema
 * (every offending field named by path), then — once the structure is right — the
 * semantic rules of semantic-issues.ts. `type` defaults to the current version.
 */
export function touchpointIssues(value: unknown, type: Type = getTouchpointSchemas().current.type): ValidationIssue[] {
  const structural = structuralIssues(type, value);
  return structural.length > 0 ? structural : semanticIssues(value as Touchpoint);
}

/** Throws a ValidationError (code `validation_failed`) listing every issue, or narrows `value` to Touchpoint. */
export function validateTouchpoint(value: unknown, type?: Type): asserts value is Touchpoint {
  const issues = touchpointIssues(value, type);
  if (issues.length > 0) throw invalidTouchpoint(issues);
}

export function invalidTouchpoint(issues: ValidationIssue[]): ValidationError {
  const shown = issues.slice(0, 5).map((i) => `${i.path || '(root)'}: ${i.message}`);
  const more = issues.length > 5 ? `; and ${issues.length - 5} more` : '';
  return new ValidationError(`invalid touchpoint: ${shown.join('; ')}${more}`, { issues });
}
