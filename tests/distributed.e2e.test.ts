import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig, type ServiceName } from '@c360/config';
import { startPlatform, type RunningPlatform } from '@c360/platform';
import { describePostgres, postgresUrl, uniqueSchemaName } from '@c360/testing';

const ROOT = new URL('..', import.meta.url).pathname;
const WRITE_KEY = 'wk_distributed_0123456789abcdef';
const ADMIN_TOKEN = 'at_distributed_0123456789abcdef';
const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

/**
 * The distributed deployment without containers: each service started alone, as its
 * container would start it (C360_SERVICES=<one>, its own port), all pointed at one
 * PostgreSQL database that holds the read models, the event store and the embedded log.
 */
await describePostgres('each service alone, four services sharing one PostgreSQL database', () => {
  let database: string;
  let databaseUrl: string;
  let dataDir: string;
  const running = new Map<ServiceName, RunningPlatform>();
  const masterKey = randomBytes(32).toString('hex');
  const environment = () => ({
    DATABASE_URL: databaseUrl,
    C360_DATA_DIR: dataDir,
    C360_MASTER_KEY: masterKey,
    C360_PORT: '0',
  });

  beforeAll(async () => {
    database = uniqueSchemaName('c360_distributed');
    const server = new pg.Client({ connectionString: postgresUrl() });
    await server.connect();
    try {
      await server.query(`CREATE DATABASE "${database}"`);
    } finally {
      await server.end();
    }
    const url = new URL(postgresUrl());
    url.pathname = `/${database}`;
    databaseUrl = url.toString();
    dataDir = await mkdtemp(join(tmpdir(), 'c360-distributed-'));

    // all at once, as `docker compose up` starts them: migrations from four processes meet
    const started = await Promise.all(
      (['query-api', 'projector', 'ingestor', 'collector'] as const).map(async (service) => {
        const platform = await startPlatform(
          loadConfig({
            ...environment(),
            C360_SERVICES: service,
            ...(service === 'collector' ? { C360_BOOTSTRAP_WRITE_KEY: WRITE_KEY } : {}),
            ...(service === 'collector' || service === 'query-api' ? { C360_BOOTSTRAP_ADMIN_TOKEN: ADMIN_TOKEN } : {}),
          }),
        );
        return [service, platform] as const;
      }),
    );
    for (const [service, platform] of started) running.set(service, platform);
  }, 120_000);

  afterAll(async () => {
    for (const platform of running.values()) await platform.stop();
    await rm(dataDir, { recursive: true, force: true });
    const server = new pg.Client({ connectionString: postgresUrl() });
    await server.connect();
    try {
      await server.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    } finally {
      await server.end();
    }
  });

  const url = (service: ServiceName) => running.get(service)!.url;

  it('given each service alone, then it answers /healthz, /readyz and /metrics on its own port, and opened only what it needs', async () => {
    for (const service of running.keys()) {
      expect((await fetch(`${url(service)}/healthz`)).status, service).toBe(200);
      expect((await fetch(`${url(service)}/readyz`)).status, service).toBe(200);
      expect(running.get(service)!.services).toEqual([service]);
      expect((await fetch(`${url(service)}/metrics`, { headers: admin })).status, service).toBe(200);
      expect((await fetch(`${url(service)}/metrics`)).status, `${service} without a token`).toBe(401);
    }
    expect(running.get('collector')!.describe.eventStore).toBeUndefined();
    expect(running.get('query-api')!.describe.bus).toBeUndefined();
    expect(running.get('projector')!.describe.bus).toBeUndefined();
    expect(running.get('ingestor')!.describe).toMatchObject({
      eventStore: expect.any(String),
      bus: expect.any(String),
    });
  });

  it('given a Segment identify sent to the collector, then the query API serves the customer the ingestor and projector built', async () => {
    // When
    const identify = await fetch(`${url('collector')}/v1/identify`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ userId: 'd-1', messageId: 'distributed-1', traits: { email: 'Ana@Example.com' } }),
    });
    expect(identify.status).toBe(200);

    // Then
    let profile: Response | undefined;
    for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
      profile = await fetch(`${url('query-api')}/v1/customers/lookup?type=user_id&value=d-1`, { headers: admin });
      if (profile.status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(profile?.status).toBe(200);
    const body = (await profile!.json()) as { identifiers: { type: string; value: string }[] };
    expect(body.identifiers).toEqual(
      expect.arrayContaining([
        { type: 'user_id', value: 'd-1' },
        { type: 'email', value: 'ana@example.com' },
      ]),
    );
    const metrics = await (await fetch(`${url('ingestor')}/metrics`, { headers: admin })).text();
    expect(metrics).toMatch(/^c360_ingestor_touchpoints_total\{outcome="recorded"\} 1$/m);
  });

  it('given one service per process, then each serves only its own routes', async () => {
    expect(
      (await fetch(`${url('collector')}/v1/customers/lookup?type=user_id&value=d-1`, { headers: admin })).status,
    ).toBe(404);
    expect((await fetch(`${url('query-api')}/v1/admin/source-keys`, { headers: admin })).status).toBe(404);
    expect((await fetch(`${url('ingestor')}/v1/identify`, { method: 'POST' })).status).toBe(404);
  });

  it('given the query API entry point as its own process, then it starts, is ready, and stops on SIGTERM with exit 0', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'services/platform/src/query-api-main.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...environment(), C360_SERVICES: '', C360_BUS: '', C360_EVENT_STORE: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const started = await Promise.race([
        new Promise<string>((resolve) => {
          const check = () => {
            const match = /health\s+(http:\/\/localhost:\d+)\/healthz/.exec(output);
            if (match) resolve(match[1]!);
          };
          child.stdout.on('data', check);
        }),
        exited.then((code) => Promise.reject(new Error(`exited with ${code}:\n${output}`))),
      ]);
      expect(output).toContain('customer-360 query-api is up');
      expect(output).not.toContain('/v1/track');
      expect((await fetch(`${started}/readyz`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 60_000);

  it('given an entry point and a C360_SERVICES naming another service, then it refuses to start, naming the variable', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'services/platform/src/ingestor-main.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...environment(), C360_SERVICES: 'collector' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    expect(await new Promise((resolve) => child.once('exit', resolve))).toBe(1);
    expect(output).toMatch(/invalid_configuration: .*C360_SERVICES/);
  }, 60_000);
});
