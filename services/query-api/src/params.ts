import { z } from 'zod';
import { ValidationError } from '@c360/errors';
import { CHANNELS, IDENTIFIER_TYPES } from '@c360/touchpoint';

/**
 * The parameters of every endpoint, as zod schemas. A request whose parameters do
 * not parse is a `ValidationError` (400, code `invalid_parameter`) whose issues name
 * each offending parameter; unknown query parameters are refused, so a typo
 * (`limt=5`) is an error instead of a silently ignored filter.
 */

export const MAX_PAGE_SIZE = 200;

/** Customer ids are UUIDs (derived from the creating touchpoint); compared lower-cased. */
export const customerId = z
  .string()
  .uuid('must be a customer id (a UUID)')
  .transform((id) => id.toLowerCase());

/** An ISO-8601 instant with a time zone (`2026-03-14T09:26:53Z`, `…+08:00`) or a date (midnight UTC). */
export const instant = z
  .string()
  .refine(
    (text) =>
      z.string().datetime({ offset: true }).safeParse(text).success || z.string().date().safeParse(text).success,
    'must be an ISO-8601 date-time with a time zone (2026-03-14T09:26:53Z) or a date (2026-03-14)',
  )
  .transform((text) => new Date(text));

const pageSize = (fallback: number) =>
  z.coerce
    .number({ invalid_type_error: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(MAX_PAGE_SIZE, `must be at most ${MAX_PAGE_SIZE}`)
    .default(fallback);

const cursor = z.string().min(1).max(512).optional();

export const idPath = z.object({ id: customerId });

export const profileQuery = z.object({ asOf: instant.optional() }).strict();

export const lookupQuery = z
  .object({
    type: z.enum(IDENTIFIER_TYPES, {
      errorMap: () => ({ message: `must be one of ${IDENTIFIER_TYPES.join(', ')}` }),
    }),
    value: z.string().min(1, 'is required').max(512),
  })
  .strict();

export const searchQuery = z
  .object({
    q: z.string().trim().min(2, 'must be at least 2 characters').max(100, 'must be at most 100 characters'),
    cursor,
    limit: pageSize(20),
  })
  .strict();

export const contactsQuery = z
  .object({
    channel: z.enum(CHANNELS, { errorMap: () => ({ message: `must be one of ${CHANNELS.join(', ')}` }) }).optional(),
    type: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,63}$/, 'must be a touchpoint type such as order_placed')
      .optional(),
    from: instant.optional(),
    to: instant.optional(),
    cursor,
    limit: pageSize(50),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from < q.to, { message: 'must be after from', path: ['to'] });

export const eventsQuery = z.object({ cursor, limit: pageSize(100) }).strict();

/** Endpoints without query parameters refuse any. */
export const noQuery = z.object({}).strict();

export const unmergeBody = z
  .object({ reason: z.string().trim().min(1, 'an unmerge needs a reason, for the audit trail').max(1000) })
  .strict();

export const idempotencyKey = z.string().trim().min(1).max(200, 'must be at most 200 characters').optional();

/** A parameter that parsed but cannot be used (an identifier that is not of its type, a foreign cursor). */
export function invalidParameter(path: string, message: string): ValidationError {
  return new ValidationError(`invalid parameter ${path}: ${message}`, {
    issues: [{ path, message }],
    code: 'invalid_parameter',
  });
}

/**
 * Parses `input` (the query, the path parameters, a body or a header) or throws a
 * ValidationError naming every parameter that is wrong.
 */
export function parse<Schema extends z.ZodTypeAny>(schema: Schema, input: unknown, where: string): z.output<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data as z.output<Schema>;
  const issues = result.error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: key, message: 'is not a parameter of this endpoint' }))
      : [{ path: issue.path.length > 0 ? issue.path.join('.') : where, message: issue.message }],
  );
  const summary = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  throw new ValidationError(`invalid ${where} parameters: ${summary}`, { issues, code: 'invalid_parameter' });
}
