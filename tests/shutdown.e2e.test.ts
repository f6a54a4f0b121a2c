import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPgliteSql } from '@c360/sql';
import { decodeTouchpoint } from '@c360/touchpoint';
import { killPlatforms, metric, startPlatform } from './support/platform-process';

const WRITE_KEY = 'wk_e2e_shutdown_0123456789abcdef';
const ADMIN_TOKEN = 'at_e2e_shutdown_0123456789abcdef';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const basic = `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}`;

describe('graceful shutdown of npm start (embedded default)', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    killPlatforms();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('given a stream of track calls, when SIGTERM arrives in the middle, then it exits 0 and every call answered 2xx is in the event store and the read models after a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'c360-shutdown-'));
    dirs.push(dataDir);
    const first = await startPlatform(dataDir, {
      C360_BOOTSTRAP_WRITE_KEY: WRITE_KEY,
      C360_BOOTSTRAP_ADMIN_TOKEN: ADMIN_TOKEN,
    });

    // Given four senders posting track calls back to back, each with its own messageId
    const answers = new Map<string, number | 'no answer'>();
    let sent = 0;
    let running = true;
    const sender = async (lane: number) => {
      while (running) {
        const messageId = `shutdown-${lane}-${sent++}`;
        try {
          const response = await fetch(`${first.url}/v1/track`, {
            method: 'POST',
            headers: { authorization: basic, 'content-type': 'application/json' },
            body: JSON.stringify({ userId: `u-${lane}-${sent % 7}`, event: 'Product Viewed', messageId }),
          });
          answers.set(messageId, response.status);
          await response.arrayBuffer();
        } catch {
          answers.set(messageId, 'no answer'); // refused connection once the server stopped listening
          await sleep(20);
        }
      }
    };
    const senders = [0, 1, 2, 3].map(sender);
    const okSoFar = () => [...answers.values()].filter((status) => status === 200).length;
    for (const until = Date.now() + 60_000; okSoFar() < 40 && Date.now() < until;) await sleep(50);

    // When SIGTERM arrives while they are sending
    first.child.kill('SIGTERM');
    const code = await first.exited;
    running = false;
    await Promise.all(senders);

    // Then it stopped cleanly, having refused (not failed) what came after the stop
    expect(code).toBe(0);
    const lines = first
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg: string; service: string });
    expect(lines.map((l) => l.msg)).toEqual(
      expect.arrayContaining(['stopping (finishing requests in flight, stopping consumers)', 'stopped cleanly']),
    );
    expect(new Set(lines.map((l) => l.service))).toEqual(new Set(['platform']));
    const statuses = [...answers.values()];
    expect(statuses.some((s) => s !== 200)).toBe(true); // the senders were still sending when it stopped
    expect(statuses.filter((s) => s !== 200 && s !== 503 && s !== 'no answer')).toEqual([]);
    const accepted = [...answers].filter(([, status]) => status === 200).map(([id]) => id);
    expect(accepted.length).toBeGreaterThan(20);

    // And after a restart, once the ingestor and the projector caught up
    const second = await startPlatform(dataDir, {
      C360_BOOTSTRAP_WRITE_KEY: WRITE_KEY,
      C360_BOOTSTRAP_ADMIN_TOKEN: ADMIN_TOKEN,
    });
    const deadline = Date.now() + 90_000;
    for (;;) {
      const ingestorLag = await metric(
        second.url,
        ADMIN_TOKEN,
        'c360_bus_consumer_lag{group="c360-ingestor",topic="c360.touchpoints"}',
      );
      const projectorLag = await metric(second.url, ADMIN_TOKEN, 'c360_projector_lag_events{projection="profiles"}');
      if (ingestorLag === 0 && projectorLag === 0) break;
      if (Date.now() > deadline) throw new Error(`not caught up: ingestor ${ingestorLag}, projector ${projectorLag}`);
      await sleep(250);
    }
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    // every accepted call is on the bus, recorded once in the event store and in the contact history
    const sql = await createPgliteSql({ dataDir: join(dataDir, 'pglite') });
    try {
      const { rows } = await sql.query<{ value: Uint8Array }>(
        `SELECT value FROM bus_messages WHERE topic = 'c360.touchpoints'`,
      );
      const touchpointOf = new Map(
        rows.map((row) => decodeTouchpoint(Buffer.from(row.value))).map((t) => [t.source.sourceId, t.touchpointId]),
      );
      expect(accepted.filter((id) => !touchpointOf.has(id))).toEqual([]);
      const wanted = accepted.map((id) => touchpointOf.get(id)!);
      const recorded = await sql.query<{ touchpoint_id: string; n: number }>(
        `SELECT data->>'touchpointId' AS touchpoint_id, count(*)::int AS n FROM es_events
          WHERE type = 'TouchpointRecorded' GROUP BY 1`,
      );
      const recordedOnce = new Set(recorded.rows.filter((r) => r.n === 1).map((r) => r.touchpoint_id));
      expect(wanted.filter((id) => !recordedOnce.has(id))).toEqual([]);
      const contacts = await sql.query<{ touchpoint_id: string }>('SELECT touchpoint_id::text FROM rm_contact_history');
      const projected = new Set(contacts.rows.map((r) => r.touchpoint_id));
      expect(wanted.filter((id) => !projected.has(id))).toEqual([]);
    } finally {
      await sql.close();
    }
  }, 300_000);
});
