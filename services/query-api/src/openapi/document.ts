import { CHANNELS, IDENTIFIER_TYPES } from '@c360/touchpoint';
import { MAX_PAGE_SIZE } from '../params';
import { schemas } from './schemas';

/**
 * The OpenAPI 3.1 document of the query API. Kept beside the routes by a test:
 * every route the router registers is documented here, and nothing else is, with
 * the query parameters its zod schema accepts.
 */

type Parameter = Record<string, unknown> & { name: string; in: 'path' | 'query' | 'header' };

const query = (name: string, schema: Record<string, unknown>, description: string, required = false): Parameter => ({
  name,
  in: 'query',
  required,
  description,
  schema,
});
const id: Parameter = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'Customer id. An absorbed id answers for its survivor (`resolvedFrom`, `Content-Location`).',
  schema: { type: 'string', format: 'uuid' },
};
const cursor = query('cursor', { type: 'string' }, 'Opaque `nextCursor` of the previous page.');
const limit = (fallback: number) =>
  query('limit', { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: fallback }, 'Page size.');
const instant = { type: 'string', format: 'date-time' };

const json = (schema: string) => ({
  content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } },
});
const ok = (schema: string, description: string) => ({ description, ...json(schema) });
const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [String(status), { $ref: `#/components/responses/${status}` }]));
const READ_ERRORS = [400, 401, 404, 503];

const paths = {
  '/openapi.json': {
    get: {
      summary: 'This document',
      security: [],
      responses: { '200': { description: 'OpenAPI 3.1', content: { 'application/json': {} } } },
    },
  },
  '/v1/customers': {
    get: {
      summary: 'Search live profiles by name, e-mail or phone prefix',
      parameters: [
        query(
          'q',
          { type: 'string', minLength: 2, maxLength: 100 },
          'Display-name prefix (any case), e-mail prefix or phone prefix in international form.',
          true,
        ),
        cursor,
        limit(20),
      ],
      responses: { '200': ok('SearchPage', 'Matches ordered by customer id'), ...errors(...READ_ERRORS) },
    },
  },
  '/v1/customers/lookup': {
    get: {
      summary: 'The profile of the customer holding an identifier',
      description:
        'The value is normalised (e-mail lower-cased, phone to E.164 with the default region) and found by its keyed hash, so every role may look up.',
      parameters: [
        query('type', { type: 'string', enum: [...IDENTIFIER_TYPES] }, 'Identifier type.', true),
        query('value', { type: 'string', maxLength: 512 }, 'Identifier value, in any spelling.', true),
      ],
      responses: { '200': ok('Profile', 'The owner’s profile'), ...errors(...READ_ERRORS) },
    },
  },
  '/v1/customers/{id}': {
    get: {
      summary: 'A unified profile, now or as of a past instant',
      parameters: [
        id,
        query(
          'asOf',
          instant,
          'Fold the profile from the event store as it stood at this instant (ISO-8601 with zone, or a date).',
        ),
      ],
      responses: { '200': ok('Profile', 'The profile'), ...errors(...READ_ERRORS) },
    },
  },
  '/v1/customers/{id}/contacts': {
    get: {
      summary: 'Contact history, newest first',
      parameters: [
        id,
        query('channel', { type: 'string', enum: [...CHANNELS] }, 'Only this channel.'),
        query('type', { type: 'string', pattern: '^[a-z][a-z0-9_]{0,63}$' }, 'Only this touchpoint type.'),
        query('from', instant, 'occurredAt at or after (inclusive).'),
        query('to', instant, 'occurredAt before (exclusive).'),
        cursor,
        limit(50),
      ],
      responses: { '200': ok('ContactPage', 'One page of contacts'), ...errors(...READ_ERRORS) },
    },
  },
  '/v1/customers/{id}/events': {
    get: {
      summary: 'Raw event history with provenance, from the event store',
      parameters: [id, cursor, limit(100)],
      responses: {
        '200': ok('EventPage', 'Events of the customer and its members, in global order'),
        ...errors(...READ_ERRORS),
      },
    },
  },
  '/v1/customers/{id}/merges': {
    get: {
      summary: 'Why these identities are one customer',
      parameters: [id],
      responses: { '200': ok('Explanation', 'Links, merges and conflicts'), ...errors(...READ_ERRORS) },
    },
  },
  '/v1/customers/{id}/unmerge': {
    post: {
      summary: 'Revert the merge of this (absorbed) customer into its survivor (role admin)',
      parameters: [
        id,
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description: 'Command id: the same key reverts once. Default: a new id per request.',
          schema: { type: 'string', maxLength: 200 },
        },
      ],
      requestBody: { required: true, ...json('UnmergeRequest') },
      responses: {
        '200': ok('UnmergeResult', 'Reverted (or already reverted by this key)'),
        ...errors(400, 401, 403, 404, 409, 503),
      },
    },
  },
};

const errorResponse = (description: string) => ({ description, ...json('Error') });

export function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Customer 360 query API',
      version: '1.0.0',
      description:
        'Unified profiles, contact history, event history with provenance, profiles as of a past instant and merge explanations. Role reader sees personal values masked; pii_reader and admin in clear. Every read is recorded in an access log before it is answered.',
    },
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'An API token (roles reader, pii_reader, admin).' },
      },
      responses: {
        '400': errorResponse('A parameter is invalid; `details.issues` names each one (code invalid_parameter).'),
        '401': errorResponse('No or an unknown bearer token (code unauthorized).'),
        '403': errorResponse('The token’s role may not do this (code forbidden).'),
        '404': errorResponse('No such customer (code not_found).'),
        '409': errorResponse('Not merged (not_merged), or changed concurrently (concurrency_conflict; retry).'),
        '503': errorResponse('The access log or a store is unavailable; nothing was served (retry).'),
      },
      schemas,
    },
  };
}
