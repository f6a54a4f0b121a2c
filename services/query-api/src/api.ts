import { randomUUID } from 'node:crypto';
import { populationCache } from './population';
import express, { type Router } from 'express';
import { apiTokenStore, type ApiTokenStore } from '@c360/auth';
import type { EventStore } from '@c360/event-store';
import { bearerAuth } from '@c360/http';
import { DEFAULT_IDENTITY_POLICY, type IdentityPolicy } from '@c360/identity';
import type { Sql } from '@c360/sql';
import { accessLog } from './access-log';
import { queryApiErrors } from './errors';
import { openApiDocument } from './openapi/document';
import type { QueryKeys, RouteDeps } from './routes/common';
import { contactRoutes } from './routes/contacts';
import { customerRoutes } from './routes/customers';
import { eventRoutes } from './routes/events';
import { mergeRoutes } from './routes/merges';

export interface QueryApiOptions {
  /** The database of the read models (rm_*), the API tokens and the access log (`migrateQueryApi`). */
  sql: Sql;
  /** The event store: event histories, profiles as of an instant, unmerge. */
  store: EventStore;
  /** Keyed identifier hashes (lookup) and opening of sealed event values (@c360/keyring). */
  keyring: QueryKeys;
  /** Default: `apiTokenStore(sql)`. */
  tokens?: ApiTokenStore;
  /** Normalises looked-up identifiers (default region for national phone numbers); its ruleVersion is recorded on unmerges. Default: DEFAULT_IDENTITY_POLICY. */
  policy?: IdentityPolicy;
  /** The clock computed traits are evaluated at (recency, lifecycle, churn). Default: the system clock. */
  now?: () => Date;
  /** Unexpected errors (500s, 503s). Default: console.error. */
  log?: (error: unknown) => void;
  /** Command id of an unmerge sent without `Idempotency-Key`. Default: a random UUID. */
  newCommandId?: () => string;
}

/**
 * The query API as an express Router, to mount beside the channel endpoints on one
 * port (before any catch-all 404). Every /v1/customers route needs a bearer token
 * (role reader at least; unmerge: admin); `/openapi.json` is public. It answers its
 * own errors as JSON with a stable code and installs no catch-all route.
 */
export function createQueryApi(options: QueryApiOptions): { router: Router } {
  const now = options.now ?? (() => new Date());
  const population = populationCache(options.sql, { now });
  const deps: RouteDeps = {
    population: () => population.current(),
    sql: options.sql,
    store: options.store,
    keys: options.keyring,
    tokens: options.tokens ?? apiTokenStore(options.sql),
    accessLog: accessLog(options.sql),
    policy: options.policy ?? DEFAULT_IDENTITY_POLICY,
    now,
    newCommandId: options.newCommandId ?? randomUUID,
  };
  const router = express.Router();
  router.get('/openapi.json', (_request, response) => {
    response.json(openApiDocument());
  });
  router.use('/v1/customers', bearerAuth(deps.tokens, 'reader'));
  customerRoutes(router, deps);
  contactRoutes(router, deps);
  eventRoutes(router, deps);
  mergeRoutes(router, deps);
  router.use(queryApiErrors(options.log));
  return { router };
}
