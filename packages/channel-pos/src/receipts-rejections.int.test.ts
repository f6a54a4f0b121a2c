import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollectorHarness, type CollectorHarness } from '@c360/channels/testing';
import { posReceiptsAdapter } from './index';
import { counts, everythingWritten, fixtureJson, post } from './test-support';

const PATH = '/v1/pos/receipts';
const NOW = new Date('2026-03-21T12:00:00Z');
const CARD = '4111 1111 1111 1111';

describe('POS receipts: refused receipts', () => {
  let harness: CollectorHarness;
  const grocery = () => fixtureJson('receipts/grocery-rice.json');
  const send = (body: unknown) => post(harness, PATH, JSON.stringify(body));
  const issuesOf = (body: Record<string, unknown>) =>
    ((body.details as { issues: { path: string; message: string }[] }).issues ?? []).map((i) => i.path);

  beforeAll(async () => {
    harness = await startCollectorHarness({
      adapters: [posReceiptsAdapter({ paymentTokenKey: Buffer.alloc(32, 1) })],
      channel: 'pos',
      now: () => NOW,
    });
  });
  afterAll(async () => harness.close());

  it('given a missing or unknown write key, when posted, then 401 and nothing is written', async () => {
    const before = await counts(harness);
    const unknown = `Basic ${Buffer.from('wk_unknown:').toString('base64')}`;
    expect((await post(harness, PATH, JSON.stringify(grocery()), { authorization: unknown })).status).toBe(401);
    expect((await post(harness, PATH, JSON.stringify(grocery()), { authorization: null })).status).toBe(401);
    expect(await counts(harness)).toEqual(before);
  });

  it('given a card number in a line name, when posted, then 400 card_number_refused naming the path — the digits appear nowhere', async () => {
    const receipt = grocery();
    (receipt.lines as { name: string }[])[1]!.name = `Whole Milk — paid with ${CARD}`;
    const response = await post(harness, PATH, JSON.stringify({ receipts: [grocery(), receipt] }));
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('card_number_refused');
    expect(issuesOf(response.body)).toEqual(['receipts[1].lines[1].name']);
    for (const digits of [CARD, CARD.replace(/ /g, ''), '1111 1111 1111']) {
      expect(response.text).not.toContain(digits);
    }
    expect(await everythingWritten(harness)).not.toContain('1111');
    expect((await harness.quarantined()).length).toBe(0);
  });

  it('given a card number written with dashes in a note field or unquoted as a number, when posted, then refused', async () => {
    const dashed = await send({ ...grocery(), cashierId: 'note: 5500-0000-0000-0004' });
    expect(dashed.body.code).toBe('card_number_refused');
    expect(issuesOf(dashed.body)).toEqual(['cashierId']);
    const unquoted = await post(harness, PATH, JSON.stringify(grocery()).replace('"c-117"', '4012888888881881'));
    expect(unquoted.body.code).toBe('card_number_refused');
    expect(unquoted.text).not.toContain('4012888888881881');
  });

  it('given an impossible date (2026-02-30), when posted, then 400 naming occurredAt and nothing is published', async () => {
    const before = await counts(harness);
    const response = await send({ receipts: [grocery(), { ...grocery(), occurredAt: '2026-02-30T10:00:00+01:00' }] });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('validation_failed');
    expect(issuesOf(response.body)).toEqual(['receipts[1].occurredAt']);
    expect(await counts(harness)).toEqual(before);
  });

  it('given a missing receiptNumber, when posted, then 400 naming it', async () => {
    const { receiptNumber: _, ...receipt } = grocery();
    const response = await send(receipt);
    expect(response.status).toBe(400);
    expect(issuesOf(response.body)).toEqual(['receiptNumber']);
  });

  it('given wrong types, when posted, then 400 naming every bad path', async () => {
    const receipt = {
      ...grocery(),
      storeId: { id: 4 },
      currency: 'euro',
      lines: [{ sku: 'RICE-JAS-10KG', name: 'Rice', quantity: 1.5, unitPrice: 'cheap' }],
      loyaltyCardIds: 'SW-4410-2207-88',
      pointsEarned: -3,
    };
    const response = await send({ receipts: [receipt] });
    expect(response.status).toBe(400);
    expect(issuesOf(response.body)).toEqual(
      expect.arrayContaining([
        'receipts[0].storeId',
        'receipts[0].currency',
        'receipts[0].lines[0].quantity',
        'receipts[0].loyaltyCardIds',
        'receipts[0].pointsEarned',
      ]),
    );
  });

  it('given a unit price with more decimals than the currency, when posted, then 400 at that price', async () => {
    const receipt = { ...fixtureJson('receipts/jpy.json') };
    (receipt.lines as { unitPrice: unknown }[])[0]!.unitPrice = '2480.5';
    const response = await send(receipt);
    expect(issuesOf(response.body)).toEqual(['lines[0].unitPrice']);
  });

  it('given a total that is not lines − discount + tax, when posted, then 400 at total', async () => {
    const response = await send({ ...grocery(), total: '30.45' });
    expect(response.status).toBe(400);
    expect(response.body.details).toMatchObject({
      issues: [{ path: 'total', message: expect.stringContaining('3044') }],
    });
  });

  it('given a payment token but no key configured, when posted, then 400 and the token is not echoed', async () => {
    const bare = await startCollectorHarness({ adapters: [posReceiptsAdapter()], channel: 'pos', now: () => NOW });
    try {
      const response = await post(bare, PATH, JSON.stringify(grocery()));
      expect(issuesOf(response.body)).toEqual(['paymentToken']);
      expect(response.text).not.toContain('tok_1Q8f3a2c91dVisa');
    } finally {
      await bare.close();
    }
  });

  it('given more than 500 receipts or a body that is not JSON, when posted, then 400', async () => {
    const many = await send({ receipts: Array.from({ length: 501 }, grocery) });
    expect(issuesOf(many.body)).toEqual(['receipts']);
    const broken = await post(harness, PATH, `{"receiptNumber": "${CARD}`);
    expect(broken.body.code).toBe('invalid_json');
    expect(broken.text).not.toContain('1111');
  });
});
