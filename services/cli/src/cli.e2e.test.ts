import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getEmbeddedLogBus, migrateEmbeddedLog } from '@c360/bus-postgres';
import { loadConfig, platformTopics } from '@c360/config';
import { startPlatform, type RunningPlatform } from '@c360/platform';
import { createPgliteSql } from '@c360/sql';
import { EXIT } from './exit-codes';
import { memoryIo } from './io';
import { run } from './program';

const ADMIN = 'at_cli_e2e_admin_0123456789abcdef';
const WRITE_KEY = 'wk_cli_e2e_web_0123456789abcdef';
const GARBAGE = Buffer.from('not an avro touchpoint at all');

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- parsed CLI output, checked field by field

/**
 * The CLI in-process against a real embedded platform (PGlite under a temp data dir,
 * embedded log). A message the ingestor cannot decode is put on the touchpoint topic
 * before the platform starts, so the dead-letter archive has one letter to show.
 */
describe('c360 against a running embedded platform', () => {
  let dataDir: string;
  let platform: RunningPlatform;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'c360-cli-'));
    const config = loadConfig({
      C360_DATA_DIR: dataDir,
      C360_PORT: '0',
      C360_BOOTSTRAP_ADMIN_TOKEN: ADMIN,
      C360_BOOTSTRAP_WRITE_KEY: WRITE_KEY,
      C360_LOG_LEVEL: 'fatal',
    });
    await mkdir(join(dataDir, 'pglite'), { recursive: true });
    const sql = await createPgliteSql({ dataDir: join(dataDir, 'pglite') });
    await migrateEmbeddedLog(sql);
    const bus = getEmbeddedLogBus(sql);
    await bus.ensureTopics(platformTopics(config));
    await bus.publish(config.C360_TOPIC_TOUCHPOINTS, [{ key: 'garbage-1', value: GARBAGE }]);
    await bus.close();
    await sql.close();
    platform = await startPlatform(config);
  }, 120_000);
  afterAll(async () => {
    await platform?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** Runs `c360 <args>` in-process with the platform's URL and the admin token in the environment. */
  const c360 = async (args: string[], env: Record<string, string> = {}) => {
    const { io, stdout, stderr } = memoryIo({ C360_URL: platform.url, C360_TOKEN: ADMIN, ...env }, dataDir);
    const code = await run(args, io);
    return { code, stdout: stdout(), stderr: stderr(), json: () => JSON.parse(stdout()) as Json };
  };
  const eventually = async <T>(attempt: () => Promise<T | undefined>, what: string): Promise<T> => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const value = await attempt();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  it('given an admin token, when a source key and an API token are created, listed and revoked, then the secrets are shown once and a revoked token is refused with exit 3', async () => {
    const key = await c360(['keys', 'create', '--channel', 'pos', '--name', 'till 1', '--json']);
    expect(key.code).toBe(EXIT.ok);
    expect(key.json()).toMatchObject({ name: 'till 1', channel: 'pos', writeKey: expect.any(String) });
    const keys = await c360(['keys', 'list', '--json']);
    expect(keys.json().sourceKeys.map((k: Json) => k.id)).toContain(key.json().id);
    expect(keys.stdout).not.toContain(key.json().writeKey);
    expect((await c360(['keys', 'revoke', key.json().id])).code).toBe(EXIT.ok);

    const token = await c360(['tokens', 'create', '--role', 'reader', '--name', 'analyst', '--json']);
    expect(token.json()).toMatchObject({ role: 'reader', token: expect.any(String) });
    const human = await c360(['tokens', 'list']);
    expect(human.stdout).toMatch(/^ID +NAME +ROLE/);
    expect(human.stdout).toContain('analyst');
    expect((await c360(['tokens', 'revoke', token.json().id, '--json'])).json()).toEqual({
      id: token.json().id,
      revoked: true,
    });
    const refused = await c360(['customer', 'find', 'anyone'], { C360_TOKEN: token.json().token });
    expect(refused.code).toBe(EXIT.auth);
    expect(refused.stderr).toMatch(/not allowed \(401\)/);
  });

  it('given a Segment identify, when the customer is found, shown and its history listed, then the profile and its events come back', async () => {
    const sent = await fetch(`${platform.url}/v1/identify`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        userId: 'cli-user-1',
        messageId: 'cli-identify-1',
        traits: { email: 'Ann.Example@example.com', name: 'Ann Example' },
      }),
    });
    expect(sent.status).toBe(200);
    const found = await eventually(async () => {
      const r = await c360(['customer', 'find', 'cli-user-1', '--by', 'user_id', '--json']);
      return r.code === EXIT.ok ? r.json() : undefined;
    }, 'the profile');
    const id = found.customerId as string;

    const shown = await c360(['customer', 'show', id, '--json']);
    expect(shown.code).toBe(EXIT.ok);
    expect(shown.json()).toMatchObject({ customerId: id });
    expect((await c360(['customer', 'show', id])).stdout).toMatch(new RegExp(`^customerId +${id}$`, 'm'));
    const asOf = await c360(['customer', 'show', id, '--as-of', new Date().toISOString(), '--json']);
    expect(asOf.code).toBe(EXIT.ok);

    const history = await c360(['customer', 'history', id, '--json']);
    expect(history.code).toBe(EXIT.ok);
    expect(history.json().items.map((e: Json) => e.type)).toContain('TouchpointRecorded');
    const contacts = await c360(['customer', 'history', id, '--contacts', '--json']);
    expect(contacts.json().items).toHaveLength(1);

    const search = await c360(['customer', 'find', 'Ann', '--json']);
    expect(search.json().items.map((p: Json) => p.customerId)).toContain(id);
    expect((await c360(['customer', 'show', 'no-such-customer'])).code).toBe(EXIT.failed);
  }, 60_000);

  it('given a JSONL file with a bad line and an invalid call, when imported, then the good line is accepted and the bad ones are reported by line number with exit 1', async () => {
    const file = join(dataDir, 'calls.jsonl');
    await writeFile(
      file,
      [
        JSON.stringify({ type: 'track', userId: 'cli-user-2', event: 'Signed Up', messageId: 'cli-jsonl-1' }),
        '{ not json',
        '',
        JSON.stringify({ type: 'track', userId: 'cli-user-3', messageId: 'cli-jsonl-2' }),
      ].join('\n'),
    );
    const imported = await c360(['import', file, '--kind', 'segment', '--json'], { C360_WRITE_KEY: WRITE_KEY });
    expect(imported.code).toBe(EXIT.failed);
    expect(imported.json()).toMatchObject({ lines: 4, accepted: 1, badCount: 2 });
    expect(imported.json().bad.map((b: Json) => b.line)).toEqual([2, 4]);
    expect(imported.json().bad[1].reason).toMatch(/event/);
  });

  it('given a CSV of calls with one bad row, when imported, then the good row is accepted, the bad one quarantined (exit 1), and a repaired copy re-submitted from a file', async () => {
    const key = (await c360(['keys', 'create', '--channel', 'call_center', '--name', 'hotline', '--json'])).json();
    const header =
      'call_id,caller_number,direction,queue,agent,started_at,ended_at,talk_seconds,hold_seconds,disposition,category,notes,email,customer_id';
    const good =
      'CLI-CALL-1,+1 212 664 7665,inbound,Orders,ann,2026-03-14T09:15:02Z,2026-03-14T09:23:05Z,412,35,order placed,purchase,two sacks,,';
    const bad =
      'CLI-CALL-2,+1 212 664 7666,inbound,Orders,ann,yesterday,2026-03-14T09:23:05Z,412,35,order placed,purchase,,,';
    await writeFile(join(dataDir, 'calls.csv'), `${header}\n${good}\n${bad}\n`);
    const imported = await c360(['import', 'calls.csv', '--kind', 'calls', '--json'], { C360_WRITE_KEY: key.writeKey });
    expect(imported.code).toBe(EXIT.failed);
    expect(imported.json()).toMatchObject({ format: 'csv', rows: 2, accepted: 1, quarantined: 1 });
    expect(imported.json().errors.map((e: Json) => e.line)).toEqual([3]);

    const listed = await eventually(async () => {
      const r = await c360(['quarantine', 'list', '--json']);
      return r.json().quarantine.length > 0 ? r.json() : undefined;
    }, 'the quarantined row');
    const [record] = listed.quarantine;
    expect((await c360(['quarantine', 'list'])).stdout).toContain(record.id);
    const shown = await c360(['quarantine', 'show', record.id]);
    expect(shown.stdout).toContain('yesterday');
    await writeFile(join(dataDir, 'repaired.csv'), `${header}\n${bad.replace('yesterday', '2026-03-14T09:15:02Z')}\n`);
    const repaired = await c360(['quarantine', 'repair', record.id, '--file', 'repaired.csv', '--json']);
    expect(repaired.code).toBe(EXIT.ok);
    expect(repaired.json()).toMatchObject({ status: 'resubmitted', accepted: 1 });
    expect((await c360(['quarantine', 'show', 'no-such-id'])).code).toBe(EXIT.failed);
    expect((await c360(['quarantine', 'repair', record.id, '--file', 'missing.csv'])).code).toBe(EXIT.usage);
  }, 60_000);

  it('given a message the ingestor could not decode, when listed and retried, then it is shown and republished once (again only with --force)', async () => {
    const listed = await eventually(async () => {
      const r = await c360(['dlq', 'list', '--json']);
      return r.json().deadLetters.length > 0 ? r.json() : undefined;
    }, 'the dead letter');
    const [letter] = listed.deadLetters;
    expect(letter).toMatchObject({ key: 'garbage-1', stage: 'decode', status: 'open' });
    const shown = await c360(['dlq', 'show', letter.id, '--json']);
    expect(Buffer.from(shown.json().valueBase64, 'base64').equals(GARBAGE)).toBe(true);
    expect((await c360(['dlq', 'show', letter.id])).stdout).toContain('not an avro');

    const retried = await c360(['dlq', 'retry', letter.id, '--json']);
    expect(retried.code).toBe(EXIT.ok);
    expect(retried.json()).toEqual({ retried: [letter.id], failed: [] });
    const again = await c360(['dlq', 'retry', letter.id]);
    expect(again.code).toBe(EXIT.failed);
    expect(again.stderr).toMatch(/force/);
    expect((await c360(['dlq', 'retry', letter.id, '--force'])).code).toBe(EXIT.ok);
    expect((await c360(['dlq', 'retry'])).code).toBe(EXIT.usage);
    // each republished copy fails again: new dead letters, which --all retries
    await eventually(async () => {
      const r = await c360(['dlq', 'list', '--json']);
      return r.json().deadLetters.length >= 2 ? true : undefined;
    }, 'the retried letters to come back');
    const all = await c360(['dlq', 'retry', '--all', '--json']);
    expect(all.code).toBe(EXIT.ok);
    expect(all.json().retried.length).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it('given caught-up read models, when verified, then 0 differences and exit 0; a rebuild reports the events replayed', async () => {
    const verified = await eventually(async () => {
      const r = await c360(['projections', 'verify', '--json']);
      return r.code === EXIT.ok ? r.json() : undefined; // the live projection may still be catching up
    }, 'a verify');
    expect(verified).toMatchObject({ job: 'verify', ok: true, differences: [] });
    const rebuilt = await c360(['projections', 'rebuild']);
    expect(rebuilt.code).toBe(EXIT.ok);
    expect(rebuilt.stdout).toMatch(/rebuilt the read models: \d+ events replayed/);
    expect((await c360(['projections', 'verify'])).stdout).toMatch(/0 differences/);
  }, 60_000);

  it('given bad credentials, an unreachable platform or a wrong command, then exit 3, 4 and 2', async () => {
    const bad = await c360(['keys', 'list', '--token', 'at_nobody_0123456789abcdef0123', '--json']);
    expect(bad.code).toBe(EXIT.auth);
    expect(bad.json()).toMatchObject({ exitCode: 3, error: { code: 'unauthorized' } });

    const closed = await freePort();
    const unreachable = await c360(['keys', 'list', '--url', `http://127.0.0.1:${closed}`]);
    expect(unreachable.code).toBe(EXIT.unreachable);
    expect(unreachable.stderr).toMatch(/cannot reach the platform/);

    expect((await c360(['frobnicate'])).code).toBe(EXIT.usage);
    expect((await c360(['frobnicate', '--json'])).json()).toMatchObject({ exitCode: 2, error: { code: 'usage' } });
    expect((await c360(['keys', 'create', '--name', 'no channel'])).code).toBe(EXIT.usage);
    expect((await c360(['tokens', 'create', '--role', 'emperor', '--name', 'x'])).code).toBe(EXIT.usage);
    expect((await c360(['import', join(dataDir, 'missing.csv'), '--kind', 'calls'])).code).toBe(EXIT.usage);
    const help = await c360(['dlq', 'retry', '--help']);
    expect(help.code).toBe(EXIT.ok);
    expect(help.stdout).toContain('--force');
  });

  it('given the demo command, when two people are sent, then their profiles appear and the summary is JSON', async () => {
    const demo = await c360(['demo', '--people', '2', '--seed', 'cli-e2e', '--json']);
    expect(demo.code).toBe(EXIT.ok);
    expect(demo.json()).toMatchObject({ seed: 'cli-e2e', profiles: { people: 2, complete: true } });
    expect((await c360(['demo', '--people', '0'])).code).toBe(EXIT.usage);
  }, 90_000);

  it('given no token anywhere, when the credentials file of the data dir has one, then it is used', async () => {
    await writeFile(
      join(dataDir, 'local-credentials.json'),
      JSON.stringify({ writeKey: WRITE_KEY, adminToken: ADMIN }),
    );
    const listed = await c360(['tokens', 'list', '--json'], { C360_TOKEN: '', C360_DATA_DIR: dataDir });
    expect(listed.code).toBe(EXIT.ok);
    await rm(join(dataDir, 'local-credentials.json'));
    const none = await c360(['tokens', 'list'], { C360_TOKEN: '', C360_DATA_DIR: dataDir });
    expect(none.code).toBe(EXIT.auth);
    expect(none.stderr).toMatch(/no credential/);
  });
});

/** A port nothing listens on (bound, then released). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
