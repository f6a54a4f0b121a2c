/**
 * The subject: the query API router (`createQueryApi`) in an express app as the
 * platform mounts it (the platform's 404 and error handler after it), on a loopback
 * port, with a `reader` token (masked values) and a `pii_reader` token (clear).
 */
import express from 'express';
import { apiTokenStore } from '@c360/auth';
import type { EventStore } from '@c360/event-store';
import { errorHandler, notFoundRoute } from '@c360/http';
import type { Keyring } from '@c360/keyring';
import { createQueryApi } from '@c360/query-api';
import type { Sql } from '@c360/sql';
import { listen, type Listening } from '../collect/server';

export interface QueryApiUnderTest extends Listening {
  /** `Bearer …` per role. */
  authorization: { reader: string; pii_reader: string };
  /** What the API logged (unexpected errors: 500s, 503s), oldest first. */
  logged: unknown[];
}

/** Starts the API on `sql` (read models, access log and API tokens migrated). */
export async function startQueryApi(options: {
  sql: Sql;
  store: EventStore;
  keyring: Keyring;
}): Promise<QueryApiUnderTest> {
  const tokens = apiTokenStore(options.sql);
  const reader = await tokens.create({ name: 'bench:query reader', role: 'reader' });
  const piiReader = await tokens.create({ name: 'bench:query pii_reader', role: 'pii_reader' });
  const logged: unknown[] = [];
  const log = (error: unknown): void => void logged.push(error);
  const app = express();
  app.disable('x-powered-by');
  app.use(createQueryApi({ sql: options.sql, store: options.store, keyring: options.keyring, log }).router);
  app.use(notFoundRoute);
  app.use(errorHandler(log));
  const server = await listen(app);
  return {
    ...server,
    authorization: { reader: `Bearer ${reader.secret}`, pii_reader: `Bearer ${piiReader.secret}` },
    logged,
  };
}
