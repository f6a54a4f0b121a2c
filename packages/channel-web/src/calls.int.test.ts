import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '@c360/channels';
import { startCollectorHarness, type CollectorHarness } from '@c360/channels/testing';
import { touchpointId } from '@c360/touchpoint';
import { segmentAdapter } from './index';
import { browserContext, iso, NOW, onePublished, post, properties, webPayload } from './test-support';

/** The device clock in these calls runs 2 h ahead of ours; the request left it 3 s after the call. */
const SKEW = 2 * 60 * 60 * 1000;
const clientCall = { timestamp: iso(NOW + SKEW - 3_000), sentAt: iso(NOW + SKEW) };

let harness: CollectorHarness;
beforeAll(async () => {
  harness = await startCollectorHarness({ adapters: [segmentAdapter()], channel: 'web', now: () => new Date(NOW) });
});
afterAll(async () => harness?.close());

describe('segment-http: single calls', () => {
  it('given an identify with traits and a skewed device clock, when posted, then the bus holds a complete, decoded touchpoint with skew-corrected occurredAt', async () => {
    const call = {
      messageId: 'ajs-next-identify-1',
      userId: 'u-48213',
      anonymousId: '6f1c9a52-3b7e-4d1a-9c4e-2f8b7a1d0e55',
      traits: {
        email: ' Zoe.Angstrom@Example.CH ',
        name: 'Zoë Ångström',
        phone: '+41446681800',
        address: { city: 'Zürich', country: 'CH' },
      },
      context: { ...browserContext, ip: '203.0.113.24' },
      integrations: { All: true, Salesforce: false },
      ...clientCall,
    };

    const response = await post(harness, '/v1/identify', call);

    expect(response).toEqual({ status: 200, body: { success: true } });
    expect(await onePublished(harness, 'ajs-next-identify-1')).toEqual({
      touchpointId: touchpointId({ system: 'segment', sourceId: 'ajs-next-identify-1' }),
      channel: 'web',
      type: 'identified',
      occurredAt: NOW - 3_000,
      receivedAt: NOW,
      source: {
        system: 'segment',
        sourceId: 'ajs-next-identify-1',
        adapter: 'segment-http',
        adapterVersion: '1.0.0',
        rawSha256: sha256Hex(JSON.stringify(call)),
      },
      identifiers: [
        { type: 'user_id', value: 'u-48213' },
        { type: 'anonymous_id', value: '6f1c9a52-3b7e-4d1a-9c4e-2f8b7a1d0e55' },
        { type: 'email', value: 'zoe.angstrom@example.ch' },
        { type: 'phone', value: '+41446681800' },
      ],
      traits: {
        email: '" Zoe.Angstrom@Example.CH "',
        name: '"Zoë Ångström"',
        phone: '"+41446681800"',
        address: '{"city":"Zürich","country":"CH"}',
      },
      consent: null,
      context: { timezone: '"Europe/Zurich"', screen: '{"width":390,"height":844}' },
      payload: {
        'c360.touchpoint.WebPayload': {
          event: 'identify',
          properties: {},
          url: browserContext.page.url,
          path: '/de/p/creme-brulee-set',
          referrer: 'https://mail.example.com/',
          title: 'Crème-brûlée-Set – Example Shop',
          campaign: { source: 'newsletter', medium: 'email', name: 'spring_sale' },
          ip: '203.0.113.24',
          userAgent: browserContext.userAgent,
          library: 'analytics.js/next-1.70.0',
          deviceType: 'mobile',
        },
      },
      locale: 'de-CH',
    });
  });

  it('given a spec e-commerce track, when posted, then its type is the platform type and properties, page and campaign come along', async () => {
    const call = {
      messageId: 'track-order-1',
      anonymousId: 'anon-1',
      event: 'Order Completed',
      properties: { order_id: 'o-77', total: 69.8, currency: 'CHF', products: [{ sku: 'SKU-10231', quantity: 2 }] },
      context: browserContext,
      ...clientCall,
    };

    expect((await post(harness, '/v1/track', call)).status).toBe(200);

    const touchpoint = await onePublished(harness, 'track-order-1');
    expect(touchpoint.type).toBe('order_placed');
    expect(touchpoint.occurredAt).toBe(NOW - 3_000);
    expect(touchpoint.identifiers).toEqual([{ type: 'anonymous_id', value: 'anon-1' }]);
    expect(properties(touchpoint)).toEqual(call.properties);
    expect(webPayload(touchpoint)).toMatchObject({
      event: 'Order Completed',
      url: browserContext.page.url,
      title: browserContext.page.title,
      campaign: browserContext.campaign,
    });
  });

  it('given a track with an unknown event name, when posted, then it is kept as custom_event with its name', async () => {
    const call = { messageId: 'track-custom-1', userId: 'u-1', event: 'Song Played', properties: { artist: 'Dierks' } };

    expect((await post(harness, '/v1/t', call)).status).toBe(200);

    const touchpoint = await onePublished(harness, 'track-custom-1');
    expect(touchpoint.type).toBe('custom_event');
    expect(webPayload(touchpoint).event).toBe('Song Played');
    expect(properties(touchpoint)).toEqual({ artist: 'Dierks' });
  });

  it('given an analytics.js page call (text/plain, writeKey in the body, no context.ip), when posted to /v1/p, then it is accepted with page fields from its properties and the request address', async () => {
    const call = {
      type: 'page',
      messageId: 'ajs-next-page-1',
      anonymousId: 'a0e1b2c3-d4e5-4f60-8172-93a4b5c6d7e8',
      userId: null,
      name: 'Produkt',
      category: 'Shop',
      properties: {
        category: 'Shop',
        path: '/de/p/set',
        referrer: '',
        search: '',
        title: 'Set – Example Shop',
        url: 'https://shop.example.ch/de/p/set',
      },
      context: { ...browserContext, page: { ...browserContext.page, url: 'https://stale.example/' } },
      writeKey: harness.writeKey,
      _metadata: { bundled: ['Segment.io'], unbundled: [] },
      ...clientCall,
    };

    const response = await post(harness, '/v1/p', JSON.stringify(call), {
      contentType: 'text/plain',
      authorization: null,
    });

    expect(response).toEqual({ status: 200, body: { success: true } });
    const touchpoint = await onePublished(harness, 'ajs-next-page-1');
    expect(touchpoint.type).toBe('page_viewed');
    expect(touchpoint.identifiers).toEqual([{ type: 'anonymous_id', value: 'a0e1b2c3-d4e5-4f60-8172-93a4b5c6d7e8' }]);
    expect(webPayload(touchpoint)).toMatchObject({
      event: 'page',
      url: 'https://shop.example.ch/de/p/set',
      path: '/de/p/set',
      referrer: '',
      title: 'Set – Example Shop',
      ip: '127.0.0.1',
    });
    expect(properties(touchpoint)).toMatchObject({ name: 'Produkt', category: 'Shop', search: '' });
  });

  it('given a screen call, when posted, then it is screen_viewed with its name among the properties', async () => {
    const call = { messageId: 'screen-1', userId: 'u-2', name: 'Warenkorb', properties: { items: 3 } };

    expect((await post(harness, '/v1/screen', call)).status).toBe(200);

    const touchpoint = await onePublished(harness, 'screen-1');
    expect(touchpoint.type).toBe('screen_viewed');
    expect(properties(touchpoint)).toEqual({ name: 'Warenkorb', items: 3 });
    expect(webPayload(touchpoint).ip).toBeNull();
  });
});
