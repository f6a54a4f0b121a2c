import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTokenStore, migrateAuth } from '@c360/auth';
import type { Bus, Consumer, IncomingMessage } from '@c360/bus';
import { waitFor } from '@c360/bus/testing';
import { errorHandler } from '@c360/http';
import { describePostgres, pgliteTestDatabase, postgresTestDatabase, type TestDatabase } from '@c360/testing';
import { encodeTouchpoint } from '@c360/touchpoint';
import { deadLetterArchive, type DeadLetterArchive } from './dead-letter-archive';
import { deadLetterAdminRoutes } from './dead-letter-routes';
import { migrateIngestor } from './migrate';
import { population } from './testing';
import { embeddedIngestStack, STACK_TOPICS, type IngestStack } from './testing/stack';

const ADMIN = 'at_dead_letters_admin_0123456789abcd';

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function archiveSuite(open: () => Promise<TestDatabase>) {
  let db: TestDatabase;
  let bus: Bus;
  let stack: IngestStack;
  let archive: DeadLetterArchive;
  let following: Consumer;
  let server: Server;
  let url: string;
  const seen: IncomingMessage[] = [];
  const [valid] = population({ people: 1, touchpoints: 1, seed: 21 }).touchpoints;
  const corrupt = Buffer.concat([encodeTouchpoint(valid!).subarray(0, 20), Buffer.from('garbage')]);

  beforeAll(async () => {
    db = await open();
    await migrateAuth(db.sql);
    await migrateIngestor(db.sql);
    await migrateIngestor(db.sql); // twice: nothing to do
    const tokens = apiTokenStore(db.sql);
    await tokens.create({ name: 'admin', role: 'admin', token: ADMIN });
    ({ bus, stack } = await embeddedIngestStack({ sql: db.sql, partitions: 2 }));
    archive = deadLetterArchive(db.sql);
    following = archive.follow(bus, STACK_TOPICS.dlq);
    const probe = bus.consume({
      groupId: 'touchpoint-probe',
      topic: STACK_TOPICS.touchpoints,
      handler: async (batch) => void seen.push(...batch),
    });
    await Promise.all([following.ready, probe.ready]);
    const app = express();
    app.use(deadLetterAdminRoutes({ archive, bus, tokens, topics: { touchpoints: STACK_TOPICS.touchpoints } }));
    app.use(errorHandler(() => undefined));
    server = app.listen(0);
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://localhost:${(server.address() as AddressInfo).port}/v1/admin/dead-letters`;
  }, 60_000);
  afterAll(async () => {
    await following?.stop();
    await new Promise((resolve) => server?.close(resolve));
    await stack?.close();
    await bus?.close();
    await db?.dispose();
  });

  const admin = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers, checked field by field
  const get = async (path = '') => (await fetch(`${url}${path}`, { headers: admin })).json() as Promise<any>;
  const retry = (id: string, body: unknown = {}) =>
    fetch(`${url}/${id}/retry`, { method: 'POST', headers: admin, body: JSON.stringify(body) });

  it('given a message the ingestor cannot decode, then the archive records it once with its bytes, key, headers and origin', async () => {
    await bus.publish(STACK_TOPICS.touchpoints, [
      { key: 'k-1', value: corrupt, headers: { 'c360-correlation-id': 'req-9' } },
    ]);
    await until(async () => (await archive.list()).length === 1, 'archived');
    const [letter] = await archive.list();
    expect(letter).toMatchObject({
      origin: { topic: STACK_TOPICS.touchpoints },
      key: 'k-1',
      headers: { 'c360-correlation-id': 'req-9' },
      code: 'corrupt_message',
      stage: 'decode',
      retriedAt: null,
    });
    expect(letter!.value.equals(corrupt)).toBe(true);

    // When the dead-letter topic delivers it again, then nothing changes
    const [again] = await new Promise<IncomingMessage[]>((resolve) => {
      const c = bus.consume({
        groupId: 'replayer',
        topic: STACK_TOPICS.dlq,
        handler: async (batch) => {
          resolve(batch);
          void c.stop();
        },
      });
    });
    expect(await archive.record([again!, again!])).toBe(0);
    expect(await archive.list({ status: 'all' })).toHaveLength(1);
  }, 60_000);

  it('given an archived letter, when listed and shown over HTTP, then the list has no bytes and show has them', async () => {
    const listed = await get();
    expect(listed.deadLetters).toHaveLength(1);
    expect(listed.deadLetters[0]).toMatchObject({ status: 'open', code: 'corrupt_message', size: corrupt.length });
    expect(listed.deadLetters[0].valueBase64).toBeUndefined();
    const shown = await get(`/${listed.deadLetters[0].id}`);
    expect(Buffer.from(shown.valueBase64, 'base64').equals(corrupt)).toBe(true);
    expect((await fetch(`${url}/999999`, { headers: admin })).status).toBe(404);
    expect((await fetch(`${url}/not-a-number`, { headers: admin })).status).toBe(404);
    expect((await fetch(url)).status).toBe(401);
  });

  it('given an open letter, when retried, then its original bytes, key and headers are republished once; a second retry needs force', async () => {
    const [letter] = await archive.list();
    const before = seen.length;
    const response = await retry(letter!.id);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'retried', retries: 1 });
    await waitFor(() => seen.length > before, 30_000, 'republished');
    const republished = seen.at(-1)!;
    expect(republished.key).toBe('k-1');
    expect(republished.value.equals(corrupt)).toBe(true);
    expect(republished.headers).toEqual({ 'c360-correlation-id': 'req-9' });

    const twice = await retry(letter!.id);
    expect(twice.status).toBe(400);
    expect(((await twice.json()) as { code: string }).code).toBe('already_retried');
    expect((await retry(letter!.id, { force: true })).status).toBe(200);
    expect((await archive.get(letter!.id)).retries).toBe(2);

    // The ingestor still cannot decode it: each retry is a new dead letter from a new offset
    await until(async () => (await archive.list({ status: 'all' })).length === 3, 'dead again');
    expect(await archive.list({ status: 'retried' })).toHaveLength(1);
  }, 60_000);

  it('given the archive stopped while dead letters arrive, when it starts again, then it records each of them once (crash and resume)', async () => {
    await following.stop();
    const before = (await archive.list({ status: 'all' })).length;
    await bus.publish(STACK_TOPICS.touchpoints, [
      { key: 'k-2', value: Buffer.from('garbage two') },
      { key: 'k-3', value: Buffer.from('garbage three') },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await archive.list({ status: 'all' })).toHaveLength(before);
    following = archive.follow(bus, STACK_TOPICS.dlq);
    await following.ready;
    await until(
      async () => (await archive.list({ status: 'all' })).length === before + 2,
      'the letters sent while stopped',
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const keys = (await archive.list({ status: 'all' })).map((l) => l.key);
    expect(keys.filter((k) => k === 'k-2' || k === 'k-3').sort()).toEqual(['k-2', 'k-3']);
  }, 60_000);
}

describe('dead-letter archive (PGlite, embedded log)', () => archiveSuite(pgliteTestDatabase));

await describePostgres('dead-letter archive (PostgreSQL, embedded log)', () =>
  archiveSuite(() => postgresTestDatabase()),
);
