import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgliteSql } from '@c360/sql';
import { decodeTouchpoint } from '@c360/touchpoint';
import { killPlatforms, metric, startPlatform } from './support/platform-process';

const ROOT = new URL('..', import.meta.url).pathname;
const WRITE_KEY = 'wk_e2e_platform_0123456789abcdef';
const ADMIN_TOKEN = 'at_e2e_platform_0123456789abcdef';

/** Touchpoints the running platform's ingestor has recorded since it started, from /metrics. */
async function recordedSoFar(url: string, token: string): Promise<number> {
  return (await metric(url, token, 'c360_ingestor_touchpoints_total{outcome="recorded"}')) ?? 0;
}

const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

describe('npm start on the embedded default (PGlite under C360_DATA_DIR, embedded log)', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'c360-platform-'));
  });
  afterAll(async () => {
    killPlatforms();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('given a fresh data dir, when started, then it prints a usable write key and admin token, accepts Segment calls, keeps them across a restart and stops on SIGTERM with exit 0', async () => {
    // Given a first start with nothing configured
    const first = await startPlatform(dataDir);
    const writeKey = /^ +write key +(\S+)$/m.exec(first.output())?.[1];
    const adminToken = /^ +admin token +(\S+)$/m.exec(first.output())?.[1];
    expect(writeKey).toMatch(/^\S{24,}$/);
    expect(adminToken).toMatch(/^\S{24,}$/);
    expect((await stat(join(dataDir, 'local-credentials.json'))).mode & 0o077).toBe(0);
    expect((await fetch(`${first.url}/readyz`)).status).toBe(200);

    // When a Segment track call is sent with the printed key
    const accepted = await fetch(`${first.url}/v1/track`, {
      method: 'POST',
      headers: { authorization: basic(writeKey!), 'content-type': 'application/json' },
      body: JSON.stringify({
        userId: 'u-1',
        event: 'Order Completed',
        messageId: 'e2e-1',
        properties: { revenue: 12.5 },
      }),
    });
    expect(accepted.status).toBe(200);
    const unauthorised = await fetch(`${first.url}/v1/track`, { method: 'POST', body: '{}' });
    expect(unauthorised.status).toBe(401);
    const admin = await fetch(`${first.url}/v1/admin/source-keys`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(admin.status).toBe(200);
    const recordedFirst = await recordedSoFar(first.url, adminToken!);
    expect(await first.stop()).toBe(0);
    expect(first.output()).toContain('stopped cleanly');

    // Then after a restart the same credentials still work (and are printed again)
    const second = await startPlatform(dataDir);
    expect(second.output()).toContain(writeKey);
    const again = await fetch(`${second.url}/v1/page`, {
      method: 'POST',
      headers: { authorization: basic(writeKey!), 'content-type': 'application/json' },
      body: JSON.stringify({ anonymousId: 'a-1', name: 'Home', messageId: 'e2e-2' }),
    });
    expect(again.status).toBe(200);
    const deadline = Date.now() + 30_000;
    while (recordedFirst + (await recordedSoFar(second.url, adminToken!)) < 2 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(await second.stop()).toBe(0);

    // And both acknowledged touchpoints are in the embedded log on disk
    const sql = await createPgliteSql({ dataDir: join(dataDir, 'pglite') });
    try {
      const { rows } = await sql.query<{ value: Uint8Array }>(
        `SELECT value FROM bus_messages WHERE topic = 'c360.touchpoints' ORDER BY created_at`,
      );
      const touchpoints = rows.map((row) => decodeTouchpoint(Buffer.from(row.value)));
      expect(touchpoints.map((t) => [t.type, t.source.sourceId])).toEqual([
        ['order_placed', 'e2e-1'],
        ['page_viewed', 'e2e-2'],
      ]);
      // and the ingestor recorded each once, for two different people
      const { rows: recorded } = await sql.query<{ stream_id: string; touchpoint_id: string }>(
        `SELECT stream_id, data->>'touchpointId' AS touchpoint_id FROM es_events WHERE type = 'TouchpointRecorded'`,
      );
      expect(recorded.map((r) => r.touchpoint_id).sort()).toEqual(touchpoints.map((t) => t.touchpointId).sort());
      expect(new Set(recorded.map((r) => r.stream_id)).size).toBe(2);
    } finally {
      await sql.close();
    }
  }, 180_000);

  it('given bootstrap variables, when started, then that write key and admin token work without a manual step', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'c360-platform-boot-'));
    const started = await startPlatform(dir, {
      C360_BOOTSTRAP_WRITE_KEY: WRITE_KEY,
      C360_BOOTSTRAP_ADMIN_TOKEN: ADMIN_TOKEN,
    });
    try {
      const identify = await fetch(`${started.url}/v1/identify`, {
        method: 'POST',
        headers: { authorization: basic(WRITE_KEY), 'content-type': 'application/json' },
        body: JSON.stringify({ userId: 'u-2', traits: { email: 'li@example.com' } }),
      });
      expect(identify.status).toBe(200);

      // the touchpoint goes through the ingestor and the projector into the profile and contact history
      const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
      let profile: Response | undefined;
      for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
        profile = await fetch(`${started.url}/v1/customers/lookup?type=user_id&value=u-2`, { headers: auth });
        if (profile.status === 200) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(profile?.status).toBe(200);
      const body = (await profile!.json()) as { customerId: string; identifiers: { type: string; value: string }[] };
      expect(body.identifiers).toEqual(
        expect.arrayContaining([
          { type: 'user_id', value: 'u-2' },
          { type: 'email', value: 'li@example.com' },
        ]),
      );
      const contacts = await fetch(`${started.url}/v1/customers/${body.customerId}/contacts`, { headers: auth });
      const history = (await contacts.json()) as { items: { channel: string; type: string }[] };
      expect(history.items.map((c) => [c.channel, c.type])).toEqual([['web', 'identified']]);
      expect((await fetch(`${started.url}/v1/customers/${body.customerId}`)).status).toBe(401);

      // an admin creates a reader token: it sees the profile masked, and nothing once revoked
      const created = await fetch(`${started.url}/v1/admin/api-tokens`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'analyst', role: 'reader' }),
      });
      expect(created.status).toBe(201);
      const reader = (await created.json()) as { id: string; token: string };
      const asReader = { authorization: `Bearer ${reader.token}` };
      const masked = (await (
        await fetch(`${started.url}/v1/customers/${body.customerId}`, { headers: asReader })
      ).json()) as { identifiers: { type: string; value: string }[] };
      expect(masked.identifiers.find((i) => i.type === 'email')?.value).toBe('l***@example.com');
      const refused = await fetch(`${started.url}/v1/admin/api-tokens`, { headers: asReader });
      expect(refused.status).toBe(403);
      const revoked = await fetch(`${started.url}/v1/admin/api-tokens/${reader.id}`, {
        method: 'DELETE',
        headers: auth,
      });
      expect(revoked.status).toBe(204);
      expect((await fetch(`${started.url}/v1/customers/${body.customerId}`, { headers: asReader })).status).toBe(401);

      const admin = await fetch(`${started.url}/v1/admin/quarantine`, {
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      });
      expect(admin.status).toBe(200);
      const wrongToken = await fetch(`${started.url}/v1/admin/quarantine`, {
        headers: { authorization: 'Bearer nope' },
      });
      expect(wrongToken.status).toBe(401);
    } finally {
      expect(await started.stop()).toBe(0);
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('given an invalid variable, when started, then it exits 1 naming the variable', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'services/platform/src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, C360_PORT: 'eighty' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(output).toMatch(/invalid_configuration: .*C360_PORT/);
  }, 60_000);
});
