import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { apiTokenStore, migrateAuth, type Role } from '@c360/auth';
import { getPostgresEventStore, migrateEventStore } from '@c360/event-store-postgres';
import { errorHandler, notFoundRoute } from '@c360/http';
import { DEFAULT_IDENTITY_POLICY } from '@c360/identity';
import { IdentityCache, ingestBatch } from '@c360/ingestor';
import { migrateKeyring, openKeyring, type Keyring } from '@c360/keyring';
import { applyBatch, LIVE_TABLES, migrateReadModels } from '@c360/read-models';
import { pgliteTestDatabase, type TestDatabase } from '@c360/testing';
import type { Touchpoint } from '@c360/touchpoint';
import { createQueryApi, migrateQueryApi } from '../index';

export interface Answer {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read JSON answers field by field
  body: any;
}

export interface QueryApiHarness {
  url: string;
  db: TestDatabase;
  store: ReturnType<typeof getPostgresEventStore>;
  keyring: Keyring;
  /** A bearer token per role, and the token ids the access log records. */
  tokens: Record<Role, { secret: string; id: string }>;
  /** GET with the bearer token of `role` (none: `null`). */
  get(path: string, role: Role | null): Promise<Answer>;
  post(path: string, options: { role: Role | null; body: unknown; headers?: Record<string, string> }): Promise<Answer>;
  /** Decides touchpoints with the ingestor's batch (identity resolution, sealed appends), one batch each. */
  ingest(...touchpoints: Touchpoint[]): Promise<void>;
  /** Runs every event stored since the last call through the real projector into the rm_* tables. */
  project(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The query API on a listening server over one PGlite database holding everything
 * it reads: API tokens, read models, access log, event store and keyring. The app
 * around the router ends with the platform's 404 and error handler, as the
 * platform mounts it.
 */
export async function startQueryApiHarness(options: { now?: () => Date } = {}): Promise<QueryApiHarness> {
  const db = await pgliteTestDatabase();
  for (const migrate of [migrateAuth, migrateReadModels, migrateQueryApi, migrateEventStore, migrateKeyring]) {
    await migrate(db.sql);
  }
  const store = getPostgresEventStore(db.sql);
  const keyring = await openKeyring({ sql: db.sql, masterKey: randomBytes(32) });
  const tokenStore = apiTokenStore(db.sql);
  const tokens = {} as Record<Role, { secret: string; id: string }>;
  for (const role of ['reader', 'pii_reader', 'admin'] as const) {
    const { token, secret } = await tokenStore.create({ name: `test ${role}`, role });
    tokens[role] = { secret, id: token.id };
  }
  const app = express();
  app.use(createQueryApi({ sql: db.sql, store, keyring, now: options.now, log: () => undefined }).router);
  app.use(notFoundRoute);
  app.use(errorHandler(() => undefined));
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const call = async (path: string, init: RequestInit, role: Role | null): Promise<Answer> => {
    const headers = new Headers(init.headers);
    if (role) headers.set('Authorization', `Bearer ${tokens[role].secret}`);
    const response = await fetch(`${url}${path}`, { ...init, headers });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  };
  const cache = new IdentityCache(store);
  let projected = 0n;

  return {
    url,
    db,
    store,
    keyring,
    tokens,
    get: (path, role) => call(path, { method: 'GET' }, role),
    post: (path, { role, body, headers }) =>
      call(
        path,
        { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } },
        role,
      ),
    async ingest(...touchpoints) {
      for (const touchpoint of touchpoints) {
        const message = {
          topic: 'c360.touchpoints',
          partition: 0,
          offset: 0n,
          key: touchpoint.touchpointId,
          value: Buffer.alloc(0),
          headers: {},
          timestamp: new Date(),
        };
        await ingestBatch([{ message, touchpoint }], {
          store,
          cache,
          keys: keyring,
          policy: DEFAULT_IDENTITY_POLICY,
          now: () => new Date(),
        });
      }
    },
    async project() {
      const events = await store.readAll({ after: projected, limit: 100_000 });
      if (events.length === 0) return;
      await db.sql.transaction((tx) => applyBatch(tx, events, { tables: LIVE_TABLES, sealer: keyring }));
      projected = events.at(-1)!.globalPosition;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await store.close();
      await db.dispose();
    },
  };
}
