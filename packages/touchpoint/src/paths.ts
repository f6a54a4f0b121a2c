/**
 * Field paths in validation issues: `payload.lines[2].quantity`, `traits.plan`,
 * `traits["first name"]` (map keys that are not identifiers are quoted).
 * Wrapped-union branch names never appear: the payload's fields read as `payload.<field>`.
 */

export type PathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function formatPath(segments: readonly PathSegment[]): string {
  let path = '';
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else if (!IDENTIFIER.test(segment)) path += `[${JSON.stringify(segment)}]`;
    else path += path === '' ? segment : `.${segment}`;
  }
  return path;
}
