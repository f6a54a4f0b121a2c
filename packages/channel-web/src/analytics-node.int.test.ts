import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Analytics } from '@segment/analytics-node';
import { startCollectorHarness, type CollectorHarness } from '@c360/channels/testing';
import { touchpointId } from '@c360/touchpoint';
import { segmentAdapter } from './index';
import { acceptedCount, properties, traits, webPayload } from './test-support';

let harness: CollectorHarness;
beforeAll(async () => {
  harness = await startCollectorHarness({ adapters: [segmentAdapter()], channel: 'web' });
});
afterAll(async () => harness?.close());

describe('segment-http: driven by @segment/analytics-node, unchanged', () => {
  it('given identify, track and page sent through analytics-node, when it closes and flushes, then all three are on the bus, decoded and complete', async () => {
    const startedAt = Date.now();
    const analytics = new Analytics({
      writeKey: harness.writeKey,
      host: harness.url,
      // One batch for the three calls, sent by closeAndFlush; no retries, so a refusal shows.
      flushAt: 10,
      flushInterval: 60_000,
      maxRetries: 0,
    });
    const statuses: number[] = [];
    const errors: unknown[] = [];
    analytics.on('http_response', (response) => statuses.push(response.status));
    analytics.on('error', (error) => errors.push(error));

    analytics.identify({
      userId: 'u-李雷',
      traits: { email: 'Li.Lei@Example.com', name: '李雷', plan: 'gold' },
      messageId: 'node-identify-1',
    });
    analytics.track({
      anonymousId: '3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
      event: 'Checkout Started',
      properties: { order_id: 'o-1', revenue: 25, currency: 'EUR' },
      context: { campaign: { name: 'spring_sale', source: 'newsletter', medium: 'email' } },
    });
    analytics.page({
      userId: 'u-李雷',
      name: 'Startseite',
      properties: { url: 'https://shop.example.de/', path: '/', title: 'Start – Example Shop', referrer: '' },
    });
    await analytics.closeAndFlush({ timeout: 10_000 });

    expect(errors).toEqual([]);
    expect(statuses).toEqual([200]);
    const touchpoints = await harness.touchpoints();
    expect(touchpoints.map((t) => t.type).sort()).toEqual(['checkout_started', 'identified', 'page_viewed']);
    expect(await acceptedCount(harness)).toBe(3);

    for (const touchpoint of touchpoints) {
      expect(touchpoint.channel).toBe('web');
      expect(touchpoint.touchpointId).toBe(touchpointId({ system: 'segment', sourceId: touchpoint.source.sourceId }));
      expect(touchpoint.source).toMatchObject({ adapter: 'segment-http', adapterVersion: '1.0.0' });
      expect(touchpoint.occurredAt).toBeGreaterThanOrEqual(startedAt - 1_000);
      expect(touchpoint.occurredAt).toBeLessThanOrEqual(touchpoint.receivedAt + 1_000);
      expect(webPayload(touchpoint).library).toMatch(/^@segment\/analytics-node\/\d+\.\d+\.\d+/);
      // A server library's request address is not the customer's.
      expect(webPayload(touchpoint).ip).toBeNull();
    }
    const byType = Object.fromEntries(touchpoints.map((t) => [t.type, t]));
    expect(byType.identified!.source.sourceId).toBe('node-identify-1');
    expect(byType.identified!.identifiers).toEqual([
      { type: 'user_id', value: 'u-李雷' },
      { type: 'email', value: 'li.lei@example.com' },
    ]);
    expect(traits(byType.identified!)).toEqual({ email: 'Li.Lei@Example.com', name: '李雷', plan: 'gold' });
    expect(byType.checkout_started!.identifiers).toEqual([
      { type: 'anonymous_id', value: '3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d' },
    ]);
    expect(properties(byType.checkout_started!)).toEqual({ order_id: 'o-1', revenue: 25, currency: 'EUR' });
    expect(webPayload(byType.checkout_started!).campaign).toEqual({
      name: 'spring_sale',
      source: 'newsletter',
      medium: 'email',
    });
    expect(webPayload(byType.page_viewed!)).toMatchObject({
      event: 'page',
      url: 'https://shop.example.de/',
      path: '/',
      title: 'Start – Example Shop',
      referrer: '',
    });
    expect(properties(byType.page_viewed!)).toMatchObject({ name: 'Startseite' });
  });
});
