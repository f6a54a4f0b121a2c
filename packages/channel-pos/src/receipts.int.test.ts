import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollectorHarness, type CollectorHarness } from '@c360/channels/testing';
import { touchpointId } from '@c360/touchpoint';
import { posReceiptsAdapter } from './index';
import { fixture, fixtureJson, post, posPayload } from './test-support';

const PATH = '/v1/pos/receipts';
const KEY = Buffer.alloc(32, 7);
const NOW = new Date('2026-03-21T12:00:00Z');

describe('POS receipts: accepted receipts', () => {
  let harness: CollectorHarness;
  const stored = async (id: string) => (await harness.touchpoints()).find((t) => t.touchpointId === id);

  beforeAll(async () => {
    harness = await startCollectorHarness({
      adapters: [posReceiptsAdapter({ paymentTokenKey: KEY })],
      channel: 'pos',
      now: () => NOW,
    });
  });
  afterAll(async () => harness.close());

  it('given a grocery receipt with a 10 kg rice sack and two loyalty cards, when posted, then one complete receipt_issued touchpoint in minor units', async () => {
    const response = await post(harness, PATH, fixture('receipts/grocery-rice.json'));
    const id = touchpointId({ system: 'pos', sourceId: 'store-0412/3/0412-3-000987' });
    expect(response).toMatchObject({ status: 200, body: { accepted: 1, touchpointIds: [id] } });

    const touchpoint = (await stored(id))!;
    expect(touchpoint).toMatchObject({
      channel: 'pos',
      type: 'receipt_issued',
      occurredAt: Date.parse('2026-03-14T17:41:07Z'),
      receivedAt: NOW.getTime(),
      source: { system: 'pos', sourceId: 'store-0412/3/0412-3-000987', adapter: 'pos-receipts' },
    });
    expect(touchpoint.identifiers).toEqual([
      { type: 'loyalty_id', value: 'SW4410220788' },
      { type: 'loyalty_id', value: 'KR004911773' },
      { type: 'email', value: 'maria.gonzalez@example.com' },
      { type: 'phone', value: '+16502530000' },
      { type: 'payment_token', value: createHmac('sha256', KEY).update('tok_1Q8f3a2c91dVisa').digest('hex') },
    ]);
    expect(JSON.stringify(touchpoint)).not.toContain('tok_1Q8f3a2c91dVisa');
    expect(posPayload(touchpoint)).toEqual({
      storeId: 'store-0412',
      registerId: '3',
      cashierId: 'c-117',
      receiptNumber: '0412-3-000987',
      originalReceiptNumber: null,
      currency: 'USD',
      lines: [
        {
          sku: 'RICE-JAS-10KG',
          name: 'Jasmine Rice 10 kg sack',
          category: 'staples',
          quantity: 1,
          unitPrice: 1849,
          currency: 'USD',
        },
        {
          sku: 'MILK-WH-1GAL',
          name: 'Whole Milk 1 gal',
          category: 'dairy',
          quantity: 2,
          unitPrice: 379,
          currency: 'USD',
        },
        { sku: 'BAN-BUNCH', name: 'Bananas, bunch', category: 'produce', quantity: 1, unitPrice: 129, currency: 'USD' },
        { sku: 'EGG-L-12', name: 'Large Eggs, dozen', category: 'dairy', quantity: 1, unitPrice: 419, currency: 'USD' },
      ],
      subtotal: 3155,
      discount: 200,
      tax: 89,
      total: 3044,
      coupons: ['RICE-2OFF'],
      paymentMethod: 'card',
      pointsEarned: 31,
      pointsRedeemed: 0,
    });
  });

  it('given a return of one item, when posted, then item_returned with a negative quantity and total', async () => {
    const response = await post(harness, PATH, fixture('receipts/return.json'));
    expect(response.status).toBe(200);
    const touchpoint = (await stored(touchpointId({ system: 'pos', sourceId: 'store-0412/1/0412-1-001204' })))!;
    expect(touchpoint.type).toBe('item_returned');
    expect(posPayload(touchpoint)).toMatchObject({
      originalReceiptNumber: '0412-3-000987',
      lines: [{ sku: 'MILK-WH-1GAL', quantity: -1, unitPrice: 379 }],
      subtotal: -379,
      total: -379,
      paymentMethod: 'cash',
    });
    expect(touchpoint.identifiers).toEqual([{ type: 'loyalty_id', value: 'SW4410220788' }]);
  });

  it('given a JPY receipt with tax included and a barcode SKU, when posted, then yen are minor units (exponent 0)', async () => {
    const response = await post(harness, PATH, fixture('receipts/jpy.json'));
    expect(response.status).toBe(200);
    const touchpoint = (await stored(touchpointId({ system: 'pos', sourceId: 'tokyo-shibuya-02/-/T-20260314-0457' })))!;
    expect(posPayload(touchpoint)).toMatchObject({
      currency: 'JPY',
      registerId: null,
      lines: [
        { sku: '4901234567894', name: 'コシヒカリ 5kg', quantity: 1, unitPrice: 2480, currency: 'JPY' },
        { sku: '4909876543210', name: '緑茶 500ml', quantity: 2, unitPrice: 158, currency: 'JPY' },
      ],
      subtotal: 2796,
      tax: 207,
      total: 2796,
    });
    expect(touchpoint.occurredAt).toBe(Date.parse('2026-03-14T09:22:31Z'));
  });

  it('given a BHD receipt (three decimals) in a batch, when posted, then fils are exact', async () => {
    const receipt = {
      ...fixtureJson('receipts/return.json'),
      receiptNumber: 'M-77',
      storeId: 'manama-1',
      currency: 'BHD',
      lines: [{ sku: 'DATES-1KG', name: 'Khalas dates 1 kg', quantity: 3, unitPrice: '1.235' }],
      tax: 0.371,
      total: '4.076',
    };
    const response = await post(harness, PATH, JSON.stringify({ receipts: [receipt] }));
    expect(response.status).toBe(200);
    const touchpoint = (await stored(touchpointId({ system: 'pos', sourceId: 'manama-1/1/M-77' })))!;
    expect(posPayload(touchpoint)).toMatchObject({ subtotal: 3705, tax: 371, total: 4076, currency: 'BHD' });
    expect(touchpoint.type).toBe('receipt_issued');
  });

  it('given the same receipt re-sent, when posted again, then the same touchpointId — nothing new downstream', async () => {
    const first = await post(harness, PATH, fixture('receipts/grocery-rice.json'));
    const again = await post(harness, PATH, fixture('receipts/grocery-rice.json'));
    expect(again.body.touchpointIds).toEqual(first.body.touchpointIds);
    const ids = (await harness.touchpoints()).map((t) => t.touchpointId);
    expect(new Set(ids).size).toBe(4);
  });
});
