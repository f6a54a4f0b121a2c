import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { getEmbeddedLogBus, migrateEmbeddedLog } from '@c360/bus-postgres';
import { getPostgresEventStore, migrateEventStore } from '@c360/event-store-postgres';
import { pgliteTestDatabase } from '@c360/testing';
import { busCheck, eventStoreCheck, sqlCheck } from './checks';
import { healthRoutes, type ReadinessCheck } from './health';
import { capturedLogger } from './testing';

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function serve(checks: ReadinessCheck[], isStopping = () => false) {
  const { logger, lines } = capturedLogger();
  const app = express().use(healthRoutes({ checks, isStopping, logger }));
  const server = app.listen(0);
  closers.push(() => void server.close());
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const get = async (path: string) => {
    const response = await fetch(`${url}${path}`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  return { get, lines };
}

async function platformDependencies() {
  const db = await pgliteTestDatabase();
  await migrateEventStore(db.sql);
  await migrateEmbeddedLog(db.sql);
  const bus = getEmbeddedLogBus(db.sql);
  await bus.ensureTopics([{ name: 'c360.touchpoints', partitions: 2 }]);
  const store = getPostgresEventStore(db.sql);
  const checks = [sqlCheck(db.sql), eventStoreCheck(store), busCheck(bus, { groupId: 'g', topic: 'c360.touchpoints' })];
  return { db, checks };
}

describe('/healthz and /readyz', () => {
  it('given SQL, event store and bus answering, then /readyz is 200 with each check ok and its latency, and nothing more', async () => {
    const { db, checks } = await platformDependencies();
    closers.push(db.dispose);
    const { get } = await serve(checks);
    const ready = await get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({
      status: 'ready',
      checks: {
        sql: { ok: true, latencyMs: expect.any(Number) },
        event_store: { ok: true, latencyMs: expect.any(Number) },
        bus: { ok: true, latencyMs: expect.any(Number) },
      },
    });
    expect(await get('/healthz')).toEqual({ status: 200, body: { status: 'ok' } });
  }, 60_000);

  it('given the SQL connection closed, then /readyz is 503 naming every failed check, the errors go to the log only, and /healthz stays 200', async () => {
    const { db, checks } = await platformDependencies();
    const { get, lines } = await serve(checks);
    // When
    await db.sql.close();
    // Then
    const unready = await get('/readyz');
    expect(unready.status).toBe(503);
    expect(unready.body).toMatchObject({ status: 'unready', failed: ['sql', 'event_store', 'bus'] });
    expect(JSON.stringify(unready.body)).not.toMatch(/closed|error|stack/i);
    expect(lines.filter((l) => l.msg === 'readiness check failed').map((l) => l.check)).toEqual([
      'sql',
      'event_store',
      'bus',
    ]);
    expect((await get('/healthz')).status).toBe(200);
  }, 60_000);

  it('given a dependency that does not answer, then its check fails after its timeout and the others still pass', async () => {
    const { get } = await serve([
      { name: 'sql', probe: async () => 1 },
      { name: 'bus', probe: () => new Promise(() => undefined), timeoutMs: 100 },
    ]);
    const started = Date.now();
    const unready = await get('/readyz');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(unready).toMatchObject({
      status: 503,
      body: { failed: ['bus'], checks: { sql: { ok: true }, bus: { ok: false } } },
    });
  });

  it('given a graceful stop began, then /readyz is 503 stopping without running the checks, and /healthz stays 200', async () => {
    let stopping = false;
    let probes = 0;
    const { get } = await serve([{ name: 'sql', probe: async () => void probes++ }], () => stopping);
    expect((await get('/readyz')).status).toBe(200);
    stopping = true;
    expect(await get('/readyz')).toEqual({ status: 503, body: { status: 'stopping' } });
    expect(probes).toBe(1);
    expect((await get('/healthz')).status).toBe(200);
  });
});
