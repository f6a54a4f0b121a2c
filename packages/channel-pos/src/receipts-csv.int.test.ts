import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollectorHarness, type CollectorHarness } from '@c360/channels/testing';
import { touchpointId, type Touchpoint } from '@c360/touchpoint';
import { posReceiptsAdapter, posReceiptsCsvAdapter } from './index';
import { admin, counts, eventually, everythingWritten, fixture, post, posPayload } from './test-support';

const PATH = '/v1/pos/receipts.csv';
const CSV = 'text/csv';
const KEY = Buffer.alloc(32, 7);
const NOW = new Date('2026-03-21T12:00:00Z');
const HEADER =
  'receipt_id,occurred_at,store_id,register,cashier,loyalty_card,sku,name,category,quantity,unit_price,currency,coupon,points_earned,points_redeemed,payment_token,type';
const CARD = '4111 1111 1111 1111';
const idOf = (sourceId: string) => touchpointId({ system: 'pos', sourceId });

interface Summary {
  rows: number;
  accepted: number;
  quarantined: number;
  errors: { line: number; reason: string; issues: { path: string; message: string }[] }[];
}

describe('POS receipts CSV import', () => {
  let harness: CollectorHarness;
  const stored = async (sourceId: string): Promise<Touchpoint | undefined> =>
    (await harness.touchpoints()).findLast((t) => t.touchpointId === idOf(sourceId));
  const importCsv = async (body: string | Buffer) => {
    const response = await post(harness, PATH, body, { contentType: CSV });
    return { ...response, summary: response.body as unknown as Summary };
  };
  /** A basket line of store-0412 register 9 (the receipt values on every row). */
  const line = (receipt: string, rest: string, type = 'sale') =>
    `${receipt},2026-03-17T09:00:00-07:00,store-0412,9,c-117,,${rest},USD,,0,0,,${type}`;

  beforeAll(async () => {
    harness = await startCollectorHarness({
      adapters: [posReceiptsCsvAdapter({ paymentTokenKey: KEY }), posReceiptsAdapter({ paymentTokenKey: KEY })],
      channel: 'pos',
      now: () => NOW,
    });
  });
  afterAll(async () => harness.close());

  it('given a till export, when imported, then consecutive rows of a receipt become one receipt touchpoint', async () => {
    const { status, summary } = await importCsv(fixture('csv/receipts.csv'));
    expect(status).toBe(200);
    expect(summary).toEqual({ rows: 6, accepted: 3, quarantined: 0, errors: [], errorsOmitted: 0 });

    const sale = (await stored('store-0412/3/0412-3-001001'))!;
    expect(sale).toMatchObject({
      type: 'receipt_issued',
      occurredAt: Date.parse('2026-03-16T17:02:44Z'),
      source: { system: 'pos', adapter: 'pos-receipts-csv' },
    });
    expect(sale.identifiers).toEqual([
      { type: 'loyalty_id', value: 'SW4410220788' },
      { type: 'email', value: 'maria.gonzalez@example.com' },
      { type: 'phone', value: '+16502530000' },
      { type: 'payment_token', value: createHmac('sha256', KEY).update('tok_1Q8f3a2c91dVisa').digest('hex') },
    ]);
    expect(posPayload(sale)).toEqual({
      storeId: 'store-0412',
      registerId: '3',
      cashierId: 'c-117',
      receiptNumber: '0412-3-001001',
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
      ],
      subtotal: 2736,
      discount: 0,
      tax: 0,
      total: 2736,
      coupons: ['RICE-2OFF'],
      paymentMethod: null,
      pointsEarned: 20,
      pointsRedeemed: 0,
    });
    expect(JSON.stringify(sale)).not.toContain('tok_1Q8f3a2c91dVisa');
  });

  it('given a return row, then item_returned with a negative quantity and value', async () => {
    const returned = (await stored('store-0412/1/0412-1-001205'))!;
    expect(returned.type).toBe('item_returned');
    expect(posPayload(returned)).toMatchObject({ lines: [{ quantity: -1, unitPrice: 379 }], total: -379 });
  });

  it('given yen and barcode SKUs, then minor units of exponent 0 and the receipt values repeated on each row', async () => {
    const yen = (await stored('tokyo-shibuya-02/-/T-20260316-0233'))!;
    expect(posPayload(yen)).toMatchObject({ currency: 'JPY', total: 2796, pointsEarned: 24, pointsRedeemed: 100 });
    expect(yen.identifiers).toEqual([
      { type: 'loyalty_id', value: 'PONTA7730118245' },
      { type: 'phone', value: '+819012345678' },
    ]);
  });

  it('given the same file imported again, or a receipt sent as JSON, then the same touchpoint ids', async () => {
    const before = (await harness.touchpoints()).map((t) => t.touchpointId);
    await importCsv(fixture('csv/receipts.csv'));
    const again = (await harness.touchpoints()).slice(before.length).map((t) => t.touchpointId);
    expect(again).toEqual(before);

    const json = {
      receiptNumber: '0412-1-001205',
      storeId: 'store-0412',
      registerId: '1',
      occurredAt: '2026-03-16T17:05:00-07:00',
      currency: 'USD',
      lines: [{ sku: 'MILK-WH-1GAL', name: 'Whole Milk 1 gal', quantity: -1, unitPrice: '3.79' }],
    };
    const response = await post(harness, '/v1/pos/receipts', JSON.stringify(json));
    expect(response.body.touchpointIds).toEqual([idOf('store-0412/1/0412-1-001205')]);
  });

  describe('given bad receipts, then each is quarantined whole at its line with the reason; the good ones arrive', () => {
    const rows = [
      line('R-OK', 'RICE-JAS-10KG,Jasmine Rice 10 kg sack,staples,1,18.49'),
      line('R-TYPES', 'RICE-JAS-10KG,Rice,staples,1.5,cheap'),
      line('R-OK2', 'MILK-WH-1GAL,Whole Milk 1 gal,dairy,1,3.79'),
      line('R-TYPES', 'EGG-L-12,Large Eggs,dairy,1,4.19'),
      line('R-DATE', 'EGG-L-12,Large Eggs,dairy,1,4.19').replace('2026-03-17', '2026-02-30'),
      line('R-CARD', 'EGG-L-12,Large Eggs,dairy,1,4.19'),
      line('R-CARD', `MILK-WH-1GAL,"Milk, paid with ${CARD}",dairy,1,3.79`),
      line('', 'EGG-L-12,Large Eggs,dairy,1,4.19'),
      line('R-MIXED', 'EGG-L-12,Large Eggs,dairy,1,4.19'),
      line('R-MIXED', 'EGG-L-12,Large Eggs,dairy,1,4.19').replace(',c-117,', ',c-999,'),
      line('R-RET', 'EGG-L-12,Large Eggs,dairy,-1,4.19', 'return'),
      'R-CUT,2026-03-17T09:00:00-07:00,store-04',
    ];
    let summary: Summary;
    beforeAll(async () => {
      summary = (await importCsv(`${HEADER}\n${rows.join('\n')}\n`)).summary;
    });

    it('then the totals and errors name each receipt by line and column', () => {
      expect(summary).toMatchObject({ rows: 12, accepted: 2, quarantined: 8 });
      expect(summary.errors.map((e) => [e.line, e.reason, e.issues.map((i) => i.path)])).toEqual([
        [3, 'invalid_receipt', ['line 3.quantity', 'line 3.unit_price']],
        [5, 'receipt_not_consecutive', ['line 5.receipt_id']],
        [6, 'invalid_receipt', ['line 6.occurred_at']],
        [7, 'card_number_refused', ['line 8.name']],
        [9, 'invalid_receipt', ['line 9.receipt_id']],
        [10, 'invalid_receipt', ['line 11.cashier']],
        [12, 'invalid_receipt', ['line 12.quantity']],
        [13, 'invalid_row', ['line 13']],
      ]);
      expect(JSON.stringify(summary)).not.toContain('1111');
    });

    it('then the good receipts are on the bus', async () => {
      expect(await stored('store-0412/9/R-OK')).toBeDefined();
      expect(await stored('store-0412/9/R-OK2')).toBeDefined();
      expect(await stored('store-0412/9/R-TYPES')).toBeUndefined();
    });

    it('then a refused receipt keeps all its rows, card numbers redacted, and the number is written nowhere', async () => {
      const card = (await harness.quarantined()).find((q) => q.reason === 'card_number_refused')!;
      const raw = Buffer.from(card.rawBase64, 'base64').toString('utf8');
      expect(raw.split('\n')).toEqual([HEADER, rows[5], rows[6]!.replace(CARD, '[REDACTED PAN]'), '']);
      expect(card.contentType).toContain('line=7');
      expect(await everythingWritten(harness)).not.toContain('1111 1111');
    });

    it('then the receipt with an impossible date, repaired and re-submitted, arrives', async () => {
      const message = (await harness.quarantined()).find((q) => q.issues.some((i) => i.path === 'line 6.occurred_at'))!;
      await eventually(async () => {
        const list = await admin(harness, 'GET', '/v1/admin/quarantine');
        return (list.body.quarantine as { id: string }[]).find((r) => r.id === message.id);
      });
      const raw = Buffer.from(message.rawBase64, 'base64').toString('utf8').replace('2026-02-30', '2026-02-28');
      const resubmitted = await admin(harness, 'POST', `/v1/admin/quarantine/${message.id}/resubmit`, { raw });
      expect(resubmitted).toMatchObject({ status: 200, body: { accepted: 1, quarantined: 0, status: 'resubmitted' } });
      expect((await stored('store-0412/9/R-DATE'))!.occurredAt).toBe(Date.parse('2026-02-28T16:00:00Z'));
    });
  });

  it('given a last line cut inside a quoted field, then the receipt it may belong to is quarantined whole, not accepted short', async () => {
    const body = `${HEADER}\n${line('R-Q', 'EGG-L-12,Large Eggs,dairy,1,4.19')}\n${line('R-Q', 'MILK-WH-1GAL,"Whole Milk')}`;
    const { status, summary } = await importCsv(body);
    expect(status).toBe(200);
    expect(summary).toMatchObject({ rows: 2, accepted: 0, quarantined: 1 });
    expect(summary.errors).toEqual([
      {
        line: 2,
        reason: 'invalid_row',
        issues: [{ path: 'line 3', message: expect.stringContaining('quoted field') }],
      },
    ]);
    expect(await stored('store-0412/9/R-Q')).toBeUndefined();
  });

  it('given a stray quote inside a receipt, then 400 invalid_csv at its line; receipts before it arrive, the open one does not', async () => {
    const rows = [
      line('R-F1', 'EGG-L-12,Large Eggs,dairy,1,4.19'),
      line('R-F2', 'EGG-L-12,Large Eggs,dairy,1,4.19'),
      line('R-F2', 'MILK-WH-1GAL,Whole "Milk,dairy,1,3.79'),
      line('R-F3', 'EGG-L-12,Large Eggs,dairy,1,4.19'),
    ];
    const response = await importCsv(`${HEADER}\n${rows.join('\n')}\n`);
    expect(response).toMatchObject({ status: 400, body: { code: 'invalid_csv' } });
    expect(response.body.details).toMatchObject({ line: 4, rows: 2, accepted: 1, quarantined: 0 });
    expect(await stored('store-0412/9/R-F1')).toBeDefined();
    expect(await stored('store-0412/9/R-F2')).toBeUndefined();
  });

  it('given a header without the sku column, then 400 invalid_csv_header and nothing is written', async () => {
    const before = await counts(harness);
    const response = await importCsv(`${HEADER.replace('sku,', '')}\nx\n`);
    expect(response).toMatchObject({ status: 400, body: { code: 'invalid_csv_header' } });
    expect(await counts(harness)).toEqual(before);
  });
});
