import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollectorHarness, type CollectorHarness } from '@c360/channels/testing';
import { touchpointId } from '@c360/touchpoint';
import { segmentAdapter } from './index';
import { acceptedCount, contextOf, count, iso, NOW, post, published, rejectedCount, webPayload } from './test-support';

let harness: CollectorHarness;
beforeAll(async () => {
  harness = await startCollectorHarness({
    adapters: [segmentAdapter({ system: 'shop-web' })],
    channel: 'web',
    now: () => new Date(NOW),
  });
});
afterAll(async () => harness?.close());

/** A batch as analytics-node and analytics.js send it: one sentAt for all, device clock 90 s behind ours. */
const batchOf = (prefix: string) => ({
  batch: [
    {
      type: 'identify',
      messageId: `${prefix}-0`,
      userId: 'u-1',
      traits: { email: 'jake@yahoo.com' },
      timestamp: iso(NOW - 90_000 - 4_000),
    },
    {
      type: 'track',
      messageId: `${prefix}-1`,
      userId: 'u-1',
      event: 'Product Viewed',
      properties: { sku: 'G-32' },
      timestamp: iso(NOW - 90_000 - 3_000),
    },
    {
      type: 'page',
      messageId: `${prefix}-2`,
      userId: 'u-1',
      properties: { url: 'https://shop.example/p/g-32' },
      timestamp: iso(NOW - 90_000 - 2_000),
    },
    { type: 'screen', messageId: `${prefix}-3`, userId: 'u-1', name: 'Home', context: { timezone: 'Asia/Shanghai' } },
    { type: 'group', messageId: `${prefix}-4`, userId: 'u-1', groupId: 'g-1' },
    { type: 'alias', messageId: `${prefix}-5`, userId: 'u-1', previousId: 'a5b4c3d2-e1f0-4a9b-8c7d-6e5f4a3b2c1d' },
  ] as Record<string, unknown>[],
  sentAt: iso(NOW - 90_000),
  context: { timezone: 'Europe/Zurich', library: { name: 'analytics-python', version: '2.3.2' } },
  writeKey: 'ignored-when-basic-auth-is-given',
});

describe('segment-http: batch', () => {
  it('given a batch of every call type with one sentAt and a shared context, when posted, then each call lands on the bus, skew-corrected and with the merged context', async () => {
    const accepted = await acceptedCount(harness);

    const response = await post(harness, '/v1/batch', batchOf('b1'));

    expect(response).toEqual({ status: 200, body: { success: true } });
    const touchpoints = await published(harness, 'b1-0', 'b1-1', 'b1-2', 'b1-3', 'b1-4', 'b1-5');
    expect(touchpoints.map((t) => t.type)).toEqual([
      'identified',
      'product_viewed',
      'page_viewed',
      'screen_viewed',
      'group_joined',
      'alias_linked',
    ]);
    expect(touchpoints.map((t) => t.occurredAt)).toEqual([NOW - 4_000, NOW - 3_000, NOW - 2_000, NOW, NOW, NOW]);
    expect(touchpoints.map((t) => t.source.system)).toEqual(Array(6).fill('shop-web'));
    expect(touchpoints[0]!.touchpointId).toBe(touchpointId({ system: 'shop-web', sourceId: 'b1-0' }));
    expect(touchpoints[0]!.identifiers).toContainEqual({ type: 'email', value: 'jake@yahoo.com' });
    expect(webPayload(touchpoints[1]!).library).toBe('analytics-python/2.3.2');
    expect(webPayload(touchpoints[2]!).url).toBe('https://shop.example/p/g-32');
    expect(contextOf(touchpoints[0]!)).toEqual({ timezone: 'Europe/Zurich' });
    expect(contextOf(touchpoints[3]!)).toEqual({ timezone: 'Asia/Shanghai' });
    expect(await acceptedCount(harness)).toBe(accepted + 6);
  });

  it('given the same batch sent again (a client retry), when posted, then every call gets the same touchpointId as before', async () => {
    expect((await post(harness, '/v1/b', batchOf('b2'))).status).toBe(200);
    const first = (await harness.touchpoints()).filter((t) => t.source.sourceId.startsWith('b2-'));

    expect((await post(harness, '/v1/b', { ...batchOf('b2'), sentAt: iso(NOW - 89_000) })).status).toBe(200);

    const all = (await harness.touchpoints()).filter((t) => t.source.sourceId.startsWith('b2-'));
    expect(first).toHaveLength(6);
    expect(all).toHaveLength(12);
    expect(new Set(all.map((t) => t.touchpointId))).toEqual(new Set(first.map((t) => t.touchpointId)));
  });

  it('given a batch with bad calls at index 2 and 4, when posted, then the whole batch is 400 naming each path and nothing is published', async () => {
    const body = batchOf('b3');
    body.batch[2] = { ...body.batch[2]!, type: 'track' };
    body.batch[4] = { ...body.batch[4]!, properties: 'Initech' };
    const before = await count(harness);
    const rejected = await rejectedCount(harness);

    const response = await post(harness, '/v1/batch', body);

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      code: 'validation_failed',
      details: {
        issues: [
          { path: 'batch[2].event', message: 'is required for track' },
          { path: 'batch[4].properties', message: 'must be an object' },
        ],
      },
    });
    expect(await count(harness)).toBe(before);
    expect(await rejectedCount(harness)).toBe(rejected + 6);
  });

  it('given a batch item without a type, when posted, then 400 names batch[i].type', async () => {
    const response = await post(harness, '/v1/batch', { batch: [{ userId: 'u-1', event: 'Tick' }] });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ details: { issues: [{ path: 'batch[0].type' }] } });
  });

  it('given a body whose batch is not an array, when posted, then 400 names batch', async () => {
    const response = await post(harness, '/v1/batch', { batch: { type: 'track' } });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      details: { issues: [{ path: 'batch', message: 'must be an array of calls' }] },
    });
  });
});
