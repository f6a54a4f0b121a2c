import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@c360/config';
import { capturedLogger } from '@c360/observability/testing';
import { startPlatform, type RunningPlatform } from './platform';

const ADMIN_TOKEN = 'at_observability_0123456789abcdef';
const WRITE_KEY = 'wk_observability_0123456789abcdef';
const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

describe('operability of the embedded platform (PGlite, embedded log, real ingestor and projector)', () => {
  let dataDir: string;
  let platform: RunningPlatform;
  const { logger, lines } = capturedLogger();

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'c360-observability-'));
    platform = await startPlatform(
      loadConfig({
        C360_DATA_DIR: dataDir,
        C360_PORT: '0',
        C360_BOOTSTRAP_ADMIN_TOKEN: ADMIN_TOKEN,
        C360_BOOTSTRAP_WRITE_KEY: WRITE_KEY,
      }),
      { logger },
    );
  }, 180_000);
  afterAll(async () => {
    await platform?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const metrics = async () =>
    (await fetch(`${platform.url}/metrics`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).text();
  const valueOf = (text: string, series: string) => {
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.slice(series.length + 1));
  };
  async function eventually(series: Record<string, number>, timeoutMs = 60_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const text = await metrics();
      const seen = Object.fromEntries(Object.keys(series).map((s) => [s, valueOf(text, s)]));
      if (Object.entries(series).every(([s, value]) => seen[s] === value)) return text;
      if (Date.now() > deadline)
        throw new Error(`metrics never reached ${JSON.stringify(series)}: ${JSON.stringify(seen)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  it('given SQL, event store and bus up, then /readyz is 200 naming each check and /healthz 200, without a credential', async () => {
    const ready = await fetch(`${platform.url}/readyz`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { status: string; checks: Record<string, { ok: boolean }> };
    expect(body.status).toBe('ready');
    expect(Object.keys(body.checks).sort()).toEqual(['bus', 'event_store', 'sql']);
    expect((await fetch(`${platform.url}/healthz`)).status).toBe(200);
  });

  it('given a touchpoint and a quarantined e-mail, then lag gauges return to zero, the quarantine gauge counts it and requests are measured by route pattern', async () => {
    // Given a track call and garbage posted as an inbound e-mail
    const track = await fetch(`${platform.url}/v1/track`, {
      method: 'POST',
      headers: { authorization: basic(WRITE_KEY), 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'u-obs', event: 'Product Viewed', messageId: 'obs-1' }),
    });
    expect(track.status).toBe(200);
    const created = await fetch(`${platform.url}/v1/admin/source-keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'mail server', channel: 'email' }),
    });
    const { writeKey: emailKey } = (await created.json()) as { writeKey: string };
    const inbound = await fetch(`${platform.url}/v1/email/inbound`, {
      method: 'POST',
      headers: { authorization: basic(emailKey), 'content-type': 'message/rfc822' },
      body: randomBytes(512),
    });
    expect(inbound.status).toBe(202);

    // Then
    const text = await eventually({
      'c360_bus_consumer_lag{group="c360-ingestor",topic="c360.touchpoints"}': 0,
      'c360_bus_consumer_lag{group="c360-quarantine-index",topic="c360.touchpoints.quarantine"}': 0,
      'c360_projector_lag_events{projection="profiles"}': 0,
      'c360_projector_lag_seconds{projection="profiles"}': 0,
      'c360_quarantine_items{channel="email"}': 1,
      'c360_quarantine_items{channel="web"}': 0,
      c360_dead_letters: 0,
      'c360_ingestor_touchpoints_total{outcome="recorded"}': 1,
    });
    expect(text).toContain(
      'c360_http_request_duration_seconds_count{method="POST",route="/v1/track|/v1/t",status="200"} 1',
    );
    expect(text).toMatch(
      /c360_http_request_duration_seconds_count\{method="POST",route="[^"]*inbound",status="202"\} 1/,
    );
    expect(text).not.toContain(emailKey);
    // and each request is one JSON line from the http component, without path, query or credentials
    const requests = lines.filter((l) => l.msg === 'request');
    expect(requests.map((l) => [l.component, l.route, l.status])).toEqual(
      expect.arrayContaining([
        ['http', '/v1/track|/v1/t', '200'],
        ['http', '/v1/admin/source-keys', '201'],
      ]),
    );
    expect(JSON.stringify(lines)).not.toContain(WRITE_KEY);
    expect(JSON.stringify(lines)).not.toContain(emailKey);
  }, 120_000);
});
