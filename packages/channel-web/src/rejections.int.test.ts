import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollectorHarness, type CollectorHarness } from '@c360/channels/testing';
import { segmentAdapter } from './index';
import { count, post, rejectedCount } from './test-support';

let harness: CollectorHarness;
beforeAll(async () => {
  harness = await startCollectorHarness({ adapters: [segmentAdapter()], channel: 'web' });
});
afterAll(async () => harness?.close());

const track = { userId: 'u-1', event: 'Tick', properties: {} };
/** A string property that makes one call about `bytes` long. */
const padding = (bytes: number) => 'x'.repeat(bytes);

/** Posts and checks that nothing reached the bus and the rejected counter grew by `calls`. */
async function rejected(
  path: string,
  body: unknown,
  init: Parameters<typeof post>[3] = {},
  calls = 1,
): Promise<Awaited<ReturnType<typeof post>>> {
  const before = { published: await count(harness), rejected: await rejectedCount(harness) };
  const response = await post(harness, path, body, init);
  expect(await count(harness)).toBe(before.published);
  expect(await rejectedCount(harness)).toBe(before.rejected + calls);
  return response;
}

describe('segment-http: bad input is refused, nothing published, rejects counted', () => {
  it('given malformed JSON, when posted, then 400 invalid_json', async () => {
    const response = await rejected('/v1/track', '{"userId": "u-1", "event": ');

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'invalid_json' });
  });

  it.each([
    ['properties', { ...track, properties: 'cheap' }, 'properties', 'must be an object'],
    ['event', { ...track, event: 42 }, 'event', 'must be a string'],
    ['context.page.url', { ...track, context: { page: { url: 7 } } }, 'context.page.url', 'must be a string'],
    [
      'context.campaign.name',
      { ...track, context: { campaign: { name: ['a'] } } },
      'context.campaign.name',
      'must be a string',
    ],
    [
      'timestamp',
      { ...track, timestamp: 'yesterday' },
      'timestamp',
      'must be an ISO-8601 date-time, e.g. 2026-03-14T09:26:53.589Z',
    ],
    ['messageId', { ...track, messageId: 'm'.repeat(101) }, 'messageId', 'must be 1 to 100 characters'],
    ['type', { ...track, type: 'identify' }, 'type', 'must be track on this endpoint (or left out)'],
  ])(
    'given a track whose %s has the wrong type, when posted, then 400 names the path',
    async (_, body, path, message) => {
      const response = await rejected('/v1/track', body);

      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'validation_failed', details: { issues: [{ path, message }] } });
    },
  );

  it.each([
    ['/v1/track', { event: 'Tick' }, 'userId', 'userId or anonymousId is required'],
    ['/v1/track', { userId: 'u-1', event: '  ' }, 'event', 'is required for track'],
    ['/v1/alias', { userId: 'u-1' }, 'previousId', 'is required for alias'],
    ['/v1/group', { userId: 'u-1' }, 'groupId', 'is required for group'],
    ['/v1/page', { userId: 'u-1', properties: { url: 5 } }, 'properties.url', 'must be a string'],
    [
      '/v1/identify',
      { userId: 'u-1', timestamp: '2131-01-01T00:00:00Z' },
      'timestamp',
      'must lie between 2000-01-01 and 2100-01-01 (after clock-skew correction)',
    ],
  ])(
    'given %s without what Segment requires, when posted, then 400 names the field',
    async (path, body, field, message) => {
      const response = await rejected(path, body);

      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ details: { issues: [{ path: field, message }] } });
    },
  );

  it('given a JSON array instead of an object, when posted, then 400', async () => {
    const response = await rejected('/v1/identify', [{ userId: 'u-1' }]);

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      details: { issues: [{ path: '(body)', message: 'must be a JSON object' }] },
    });
  });

  it('given a single call over 32 KB, when posted, then 413 payload_too_large as JSON', async () => {
    const response = await rejected('/v1/track', { ...track, properties: { blob: padding(33 * 1024) } });

    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ code: 'payload_too_large' });
  });

  it('given a batch over 500 KB, when posted, then 413 payload_too_large as JSON', async () => {
    const batch = Array.from({ length: 20 }, () => ({
      type: 'track',
      ...track,
      properties: { blob: padding(30 * 1024) },
    }));

    const response = await rejected('/v1/batch', { batch });

    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ code: 'payload_too_large' });
  });

  it('given a batch under 500 KB with one call over 32 KB, when posted, then 413 names that call', async () => {
    const batch = [
      { type: 'track', ...track },
      { type: 'track', ...track, properties: { blob: padding(40 * 1024) } },
    ];

    const response = await rejected('/v1/batch', { batch }, {}, 2);

    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ code: 'payload_too_large', details: { issues: [{ path: 'batch[1]' }] } });
  });

  it('given no write key, when posted, then 401', async () => {
    const response = await rejected('/v1/track', track, { authorization: null });

    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ code: 'unauthorized' });
  });

  it('given an unknown write key as Basic user or in the body, when posted, then 401', async () => {
    const wrongBasic = `Basic ${Buffer.from('wk_not-a-key:').toString('base64')}`;

    expect((await rejected('/v1/track', track, { authorization: wrongBasic })).status).toBe(401);
    expect((await rejected('/v1/track', { ...track, writeKey: 'wk_not-a-key' }, { authorization: null })).status).toBe(
      401,
    );
  });

  it('given a write key that was just used, when an admin revokes it, then the next call is 401 at once', async () => {
    const admin = { authorization: `Bearer ${harness.adminToken}`, 'content-type': 'application/json' };
    const created = await fetch(`${harness.url}/v1/admin/source-keys`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ name: 'soon revoked', channel: 'web' }),
    });
    const { id, writeKey } = (await created.json()) as { id: string; writeKey: string };
    const basic = `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;
    expect((await post(harness, '/v1/track', track, { authorization: basic })).status).toBe(200);

    const revoked = await fetch(`${harness.url}/v1/admin/source-keys/${id}`, { method: 'DELETE', headers: admin });
    expect(revoked.status).toBe(204);

    expect((await rejected('/v1/track', track, { authorization: basic })).status).toBe(401);
  });

  it('given a batch refused for its write key, when posted, then every call in it counts as rejected', async () => {
    const batch = [1, 2, 3].map(() => ({ type: 'track', ...track }));

    expect((await rejected('/v1/batch', { batch }, { authorization: null }, 3)).status).toBe(401);
  });
});

describe('segment-http: CORS for analytics.js', () => {
  it('given a preflight from a shop origin, when sent, then POST and the asked headers are allowed for that origin', async () => {
    const response = await fetch(`${harness.url}/v1/t`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://shop.example.ch',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });

    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example.ch');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')).toBe('content-type');
  });

  it('given a call from a shop origin, when answered (even with an error), then the answer is readable by that origin', async () => {
    const response = await fetch(`${harness.url}/v1/t`, {
      method: 'POST',
      headers: { origin: 'https://shop.example.ch', 'content-type': 'text/plain' },
      body: '{',
    });

    expect(response.status).toBe(400);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example.ch');
  });
});
