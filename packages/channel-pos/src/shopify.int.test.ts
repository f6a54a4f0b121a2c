import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceKeyStore } from '@c360/auth';
import { startCollectorHarness, type CollectorHarness } from '@c360/channels/testing';
import { touchpointId } from '@c360/touchpoint';
import { SHOPIFY_HMAC_HEADER, shopifyAdapter, shopifyHmac } from './index';
import { admin, counts, eventually, fixture, fixtureJson, post, posPayload } from './test-support';

const SECRET = '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';
const ORDERS = '/v1/pos/shopify/orders-create';
const REFUNDS = '/v1/pos/shopify/refunds-create';
const NOW = new Date('2026-03-21T12:00:00Z');

interface SourceKeyView {
  id: string;
  name: string;
  channel: string;
  revokedAt: string | null;
}

describe('Shopify webhooks: orders/create and refunds/create', () => {
  let harness: CollectorHarness;
  const deliver = (
    path: string,
    body: Buffer | string,
    hmac = shopifyHmac(SECRET, body),
    webhookId = 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
    shop: string | null = 'rice-and-tea.myshopify.com',
  ) =>
    // As Shopify sends it: no credentials, only the signature and the shop.
    post(harness, path, body, {
      authorization: null,
      headers: {
        [SHOPIFY_HMAC_HEADER]: hmac,
        'x-shopify-webhook-id': webhookId,
        ...(shop === null ? {} : { 'x-shopify-shop-domain': shop }),
        'x-shopify-topic': path.endsWith('orders-create') ? 'orders/create' : 'refunds/create',
      },
    });
  const shopSource = async (shop = 'rice-and-tea.myshopify.com') =>
    ((await admin(harness, 'GET', '/v1/admin/source-keys')).body.sourceKeys as SourceKeyView[]).find(
      (k) => k.name === `shopify:${shop}`,
    );
  const stored = async (sourceId: string) =>
    (await harness.touchpoints()).find((t) => t.touchpointId === touchpointId({ system: 'shopify', sourceId }));

  beforeAll(async () => {
    harness = await startCollectorHarness({
      adapters: [shopifyAdapter({ webhookSecret: SECRET })],
      channel: 'pos',
      now: () => NOW,
    });
  });
  afterAll(async () => harness.close());

  it('given a signed orders/create webhook, when delivered, then a receipt_issued touchpoint with the customer identifiers', async () => {
    const response = await deliver(ORDERS, fixture('shopify/orders-create.json'));
    expect(response).toMatchObject({ status: 200, body: { accepted: 1, quarantined: 0 } });
    const touchpoint = (await stored('orders/5630912839812'))!;
    expect(touchpoint).toMatchObject({
      channel: 'pos',
      type: 'receipt_issued',
      occurredAt: Date.parse('2026-03-14T15:12:45Z'),
      source: { system: 'shopify', adapter: 'shopify-webhooks' },
    });
    expect(touchpoint.identifiers).toEqual([
      { type: 'email', value: 'bob.norman@mail.example.com' },
      { type: 'phone', value: '+16136120707' },
      { type: 'customer_number', value: '7201129551' },
    ]);
    expect(posPayload(touchpoint)).toEqual({
      storeId: 'rice-and-tea.myshopify.com',
      registerId: null,
      cashierId: null,
      receiptNumber: '5630912839812',
      originalReceiptNumber: null,
      currency: 'USD',
      lines: [
        {
          sku: 'RICE-JAS-10KG',
          name: 'Jasmine Rice 10 kg sack',
          category: 'staples',
          quantity: 2,
          unitPrice: 2499,
          currency: 'USD',
        },
        {
          sku: 'variant:44120300190852',
          name: 'Sencha green tea 100 g',
          category: null,
          quantity: 1,
          unitPrice: 600,
          currency: 'USD',
        },
      ],
      subtotal: 5598,
      discount: 500,
      tax: 440,
      total: 6138,
      coupons: ['SPRING5'],
      paymentMethod: 'shopify_payments',
      pointsEarned: 0,
      pointsRedeemed: 0,
    });
  });

  it('given a signed refunds/create webhook, when delivered, then item_returned with negative quantity and total', async () => {
    const response = await deliver(REFUNDS, fixture('shopify/refunds-create.json'));
    expect(response.body).toMatchObject({ accepted: 1, quarantined: 0 });
    const touchpoint = (await stored('refunds/929361464'))!;
    expect(touchpoint.type).toBe('item_returned');
    expect(posPayload(touchpoint)).toMatchObject({
      receiptNumber: '929361464',
      originalReceiptNumber: '5630912839812',
      lines: [{ sku: 'RICE-JAS-10KG', quantity: -1, unitPrice: 2499, currency: 'USD' }],
      subtotal: -2499,
      tax: -200,
      total: -2699,
    });
  });

  it('given the same order delivered again (a retry), when delivered, then the same touchpointId', async () => {
    await deliver(ORDERS, fixture('shopify/orders-create.json'), undefined, 'another-delivery-id');
    const ids = (await harness.touchpoints()).map((t) => t.touchpointId);
    expect(new Set(ids).size).toBe(2);
  });

  it('given a bad, missing or other-secret HMAC, when delivered, then 401 and nothing is written', async () => {
    const before = await counts(harness);
    const body = fixture('shopify/orders-create.json');
    const tampered = Buffer.from(body.toString('utf8').replace('"61.38"', '"0.01"'));
    for (const [payload, hmac] of [
      [tampered, shopifyHmac(SECRET, body)],
      [body, shopifyHmac('another-secret', body)],
      [body, ''],
      [body, 'bm90IGFuIGhtYWM='],
    ] as const) {
      const response = await deliver(ORDERS, payload, hmac);
      expect(response.status).toBe(401);
      expect(response.body.code).toBe('unauthorized');
    }
    expect(await counts(harness)).toEqual(before);
  });

  it('given a verified order with an impossible date and bad currency, when delivered, then 200 and it is quarantined with the reason; repaired and re-submitted, it arrives', async () => {
    const order = {
      ...fixtureJson('shopify/orders-create.json'),
      id: 5630912900001,
      created_at: '2026-02-30T10:00:00-05:00',
      currency: 'Dollars',
    };
    const response = await deliver(ORDERS, JSON.stringify(order));
    expect(response).toMatchObject({ status: 200, body: { accepted: 0, quarantined: 1 } });
    const message = (await harness.quarantined()).at(-1)!;
    expect(message).toMatchObject({ adapter: 'shopify-webhooks', channel: 'pos', reason: 'invalid_order' });
    expect(message.issues.map((i) => i.path)).toEqual(['created_at', 'currency']);

    await eventually(async () => {
      const list = await admin(harness, 'GET', '/v1/admin/quarantine');
      return (list.body.quarantine as { id: string }[]).find((r) => r.id === message.id);
    });
    const repaired = { ...order, created_at: '2026-02-28T10:00:00-05:00', currency: 'USD' };
    const resubmitted = await admin(harness, 'POST', `/v1/admin/quarantine/${message.id}/resubmit`, {
      raw: JSON.stringify(repaired),
    });
    expect(resubmitted).toMatchObject({ status: 200, body: { accepted: 1, quarantined: 0, status: 'resubmitted' } });
    const touchpoint = (await stored('orders/5630912900001'))!;
    expect(touchpoint.occurredAt).toBe(Date.parse('2026-02-28T15:00:00Z'));
    expect(posPayload(touchpoint)).toMatchObject({ storeId: 'rice-and-tea.myshopify.com', total: 6138 });
  });

  it('given a verified refund carrying a card number in its note, when delivered, then quarantined as card_number_refused with the digits redacted', async () => {
    const refund = {
      ...fixtureJson('shopify/refunds-create.json'),
      id: 929361999,
      note: 'refund to 4111-1111-1111-1111',
    };
    const response = await deliver(REFUNDS, JSON.stringify(refund));
    expect(response).toMatchObject({ status: 200, body: { accepted: 0, quarantined: 1 } });
    expect(response.text).not.toContain('4111');
    const message = (await harness.quarantined()).at(-1)!;
    expect(message).toMatchObject({ reason: 'card_number_refused', issues: [{ path: 'note' }] });
    const raw = Buffer.from(message.rawBase64, 'base64').toString('utf8');
    expect(raw).not.toContain('4111');
    expect(JSON.parse(raw).note).toBe('refund to [REDACTED PAN]');
  });
  describe('source binding: the shop, not a write key', () => {
    it('given signed deliveries without credentials, then they are attributed to one pos source bound to the shop', async () => {
      const sources = (
        (await admin(harness, 'GET', '/v1/admin/source-keys')).body.sourceKeys as SourceKeyView[]
      ).filter((k) => k.name.startsWith('shopify:'));
      expect(sources).toEqual([
        expect.objectContaining({ name: 'shopify:rice-and-tea.myshopify.com', channel: 'pos' }),
      ]);
      const quarantined = (await harness.quarantined()).filter((q) => q.adapter === 'shopify-webhooks');
      expect(quarantined.length).toBeGreaterThan(0);
      for (const q of quarantined) expect(q.sourceKeyId).toBe(sources[0]!.id);
    });

    it('given another shop, then its own source; the shop domain is read case-insensitively', async () => {
      const order = { ...fixtureJson('shopify/orders-create.json'), id: 5630912900777 };
      const response = await deliver(ORDERS, JSON.stringify(order), undefined, 'w-2', 'Green-Tea-Hub.myshopify.com');
      expect(response).toMatchObject({ status: 200, body: { accepted: 1 } });
      expect(await shopSource('green-tea-hub.myshopify.com')).toMatchObject({ channel: 'pos', revokedAt: null });
    });

    it('given a signed delivery without a shop domain, or one that is not a shop, then 400 and nothing is written', async () => {
      const before = await counts(harness);
      const body = fixture('shopify/orders-create.json');
      for (const shop of [null, '', 'rice-and-tea.example.com', 'rice and tea.myshopify.com']) {
        const response = await deliver(ORDERS, body, undefined, undefined, shop);
        expect(response).toMatchObject({ status: 400, body: { code: 'invalid_shop_domain' } });
      }
      expect(await counts(harness)).toEqual(before);
    });

    it('given an unsigned delivery (a write key does not replace the signature), then 401', async () => {
      const body = fixture('shopify/orders-create.json');
      const response = await post(harness, ORDERS, body, {
        headers: { 'x-shopify-shop-domain': 'rice-and-tea.myshopify.com' },
      });
      expect(response.status).toBe(401);
    });

    it('given the shop source revoked by an admin, then its deliveries are refused with 403', async () => {
      const source = (await shopSource('green-tea-hub.myshopify.com'))!;
      await sourceKeyStore(harness.db.sql).revoke(source.id);
      const before = await counts(harness);
      const order = { ...fixtureJson('shopify/orders-create.json'), id: 5630912900778 };
      const response = await deliver(ORDERS, JSON.stringify(order), undefined, 'w-3', 'green-tea-hub.myshopify.com');
      expect(response).toMatchObject({ status: 403, body: { code: 'forbidden' } });
      expect(await counts(harness)).toEqual(before);
    });
  });
});
