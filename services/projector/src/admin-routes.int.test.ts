import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTokenStore, migrateAuth } from '@c360/auth';
import type { Bus } from '@c360/bus';
import { waitFor } from '@c360/bus/testing';
import { errorHandler } from '@c360/http';
import { embeddedIngestStack, population, type IngestStack } from '@c360/ingestor/testing';
import { migrateReadModels } from '@c360/read-models';
import { pgliteTestDatabase, type TestDatabase } from '@c360/testing';
import { projectionAdminRoutes, type ProjectionJobLine } from './admin-routes';
import { startProjector, type Projector } from './projector';

const ADMIN = 'at_projection_admin_0123456789abcdef';
const READER = 'at_projection_reader_0123456789abcd';

describe('projection admin routes (embedded stack, live projector running)', () => {
  let db: TestDatabase;
  let bus: Bus;
  let stack: IngestStack;
  let projector: Projector;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    db = await pgliteTestDatabase();
    await migrateReadModels(db.sql);
    await migrateAuth(db.sql);
    const tokens = apiTokenStore(db.sql);
    await tokens.create({ name: 'admin', role: 'admin', token: ADMIN });
    await tokens.create({ name: 'reader', role: 'reader', token: READER });
    ({ bus, stack } = await embeddedIngestStack({ sql: db.sql, partitions: 2 }));
    const people = population({ people: 8, touchpoints: 40, seed: 5 });
    await stack.publish(people.touchpoints);
    await waitFor(() => stack.decided() >= people.touchpoints.length, 60_000, 'ingested');
    projector = await startProjector({ store: stack.store, sql: db.sql, sealer: stack.keyring, batchSize: 20 });
    const head = (await stack.store.readAll({ after: 0n, limit: 100_000 })).at(-1)!.globalPosition;
    await waitFor(() => projector.position >= head, 30_000, 'projector caught up');

    const app = express();
    app.use(projectionAdminRoutes({ sql: db.sql, store: stack.store, sealer: stack.keyring, tokens, batchSize: 10 }));
    app.use(errorHandler(() => undefined));
    server = app.listen(0);
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://localhost:${(server.address() as AddressInfo).port}`;
  }, 90_000);
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await projector?.stop();
    await stack?.close();
    await bus?.close();
    await db?.dispose();
  });

  const post = (path: string, token = ADMIN) =>
    fetch(`${url}/v1/admin/projections/${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  const lines = async (response: Response) =>
    (await response.text())
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as ProjectionJobLine);

  it('given caught-up read models, when verified, then it streams progress and a last line with no differences', async () => {
    const response = await post('verify');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/application\/x-ndjson/);
    const answer = await lines(response);
    expect(answer[0]).toEqual({ type: 'started', job: 'verify' });
    expect(answer.some((l) => l.type === 'progress')).toBe(true);
    expect(answer.at(-1)).toMatchObject({ type: 'done', job: 'verify', ok: true, differences: [] });
  }, 60_000);

  it('given a tampered profile, when verified, then the last line names the table that differs; a rebuild repairs it', async () => {
    await db.sql.query(
      `UPDATE rm_profiles SET display_name = 'Tampered' WHERE customer_id = (SELECT min(customer_id) FROM rm_profiles)`,
    );
    expect((await lines(await post('verify'))).at(-1)).toMatchObject({
      type: 'done',
      ok: false,
      differences: [{ table: 'profiles', onlyLive: 1, onlyRebuilt: 1 }],
    });
    const rebuilt = await lines(await post('rebuild'));
    expect(rebuilt.at(-1)).toMatchObject({ type: 'done', job: 'rebuild' });
    expect((await lines(await post('verify'))).at(-1)).toMatchObject({ type: 'done', ok: true });
  }, 60_000);

  it('given touchpoints arriving during a rebuild, when the live projector catches up, then verify finds no difference', async () => {
    const more = population({ people: 6, touchpoints: 60, seed: 77 }).touchpoints;
    const target = stack.decided() + more.length;
    const rebuilding = post('rebuild').then(lines);
    await stack.publish(more);
    expect((await rebuilding).at(-1)).toMatchObject({ type: 'done', job: 'rebuild' });
    await waitFor(() => stack.decided() >= target, 60_000, 'ingested');
    const head = (await stack.store.readAll({ after: 0n, limit: 100_000 })).at(-1)!.globalPosition;
    await waitFor(() => projector.position >= head, 30_000, 'projector caught up');
    expect((await lines(await post('verify'))).at(-1)).toMatchObject({ type: 'done', ok: true, differences: [] });
  }, 90_000);

  it('given a job running, when another is asked for, then it is refused with 409', async () => {
    const first = post('rebuild');
    await new Promise((resolve) => setTimeout(resolve, 30));
    const second = await post('verify');
    expect(second.status).toBe(409);
    expect(((await second.json()) as { code: string }).code).toBe('concurrency_conflict');
    expect((await lines(await first)).at(-1)).toMatchObject({ type: 'done' });
  }, 60_000);

  it('given no token or a reader token, then 401 and 403', async () => {
    expect((await fetch(`${url}/v1/admin/projections/verify`, { method: 'POST' })).status).toBe(401);
    expect((await post('verify', READER)).status).toBe(403);
  });
});
