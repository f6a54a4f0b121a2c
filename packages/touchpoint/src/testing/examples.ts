import { createHash } from 'node:crypto';
import { toJsonTextMap } from '../json-text-map';
import { wrapPayload } from '../payload';
import { touchpointId } from '../touchpoint-id';
import type { Source, Touchpoint } from '../types';

/**
 * Realistic touchpoints of the current version, one per channel plus a POS return,
 * valid under validateTouchpoint. They are the TypeScript twin of
 * schemas/touchpoint/v2/fixtures/*.json (types.unit.test.ts keeps both equal), and
 * a ready input for other packages' tests. Non-ASCII on purpose: Zoë, 李雷, Ångström.
 */

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

function source(system: string, sourceId: string, adapter: string, raw: string): Source {
  return { system, sourceId, adapter, adapterVersion: '1.0.0', rawSha256: sha256(raw) };
}

const webSource = source(
  'shop-web',
  'ajs-next-1f0c2b7e9d3a4c5b',
  'segment-http',
  '{"type":"track","event":"Product Viewed"}',
);
export const webProductViewed: Touchpoint = {
  touchpointId: touchpointId(webSource),
  channel: 'web',
  type: 'product_viewed',
  occurredAt: Date.UTC(2026, 2, 14, 9, 26, 53, 120),
  receivedAt: Date.UTC(2026, 2, 14, 9, 26, 53, 480),
  source: webSource,
  identifiers: [
    { type: 'anonymous_id', value: '6f1c9a52-3b7e-4d1a-9c4e-2f8b7a1d0e55' },
    { type: 'email', value: 'zoe.angstrom@example.ch' },
    { type: 'user_id', value: 'u-48213' },
  ],
  traits: toJsonTextMap({ name: 'Zoë Ångström', newsletter: true, address: { city: 'Zürich', country: 'CH' } }),
  consent: { analytics: true, email_marketing: true },
  context: toJsonTextMap({ timezone: 'Europe/Zurich', screen: { width: 390, height: 844 } }),
  payload: wrapPayload('web', {
    event: 'Product Viewed',
    properties: toJsonTextMap({ product_id: 'SKU-10231', name: 'Crème brûlée set', price: 34.9, currency: 'CHF' }),
    url: 'https://shop.example.ch/de/p/creme-brulee-set?utm_source=newsletter',
    path: '/de/p/creme-brulee-set',
    referrer: 'https://mail.example.com/',
    title: 'Crème-brûlée-Set – Example Shop',
    campaign: { name: 'spring_sale', source: 'newsletter', medium: 'email' },
    ip: '203.0.113.24',
    userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148',
    library: 'analytics.js/5.2.1',
    deviceType: 'mobile',
  }),
  locale: 'de-CH',
};

const callSource = source(
  'genesys-cc',
  'call-2026-03-14-000417',
  'call-records',
  'call-2026-03-14-000417;+8613800138000;complaint',
);
export const callComplaint: Touchpoint = {
  touchpointId: touchpointId(callSource),
  channel: 'call_center',
  type: 'complaint_logged',
  occurredAt: Date.UTC(2026, 2, 14, 10, 2, 0),
  receivedAt: Date.UTC(2026, 2, 14, 10, 15, 31),
  source: callSource,
  identifiers: [
    { type: 'phone', value: '+8613800138000' },
    { type: 'customer_number', value: 'C-0042117' },
  ],
  traits: toJsonTextMap({ name: '李雷', preferred_language: 'zh' }),
  consent: null,
  context: null,
  payload: wrapPayload('call_center', {
    direction: 'inbound',
    queue: 'complaints-zh',
    agentId: 'agent-117',
    agentName: '韩梅梅',
    startedAt: Date.UTC(2026, 2, 14, 10, 2, 0),
    endedAt: Date.UTC(2026, 2, 14, 10, 14, 45),
    talkSeconds: 641,
    holdSeconds: 124,
    disposition: 'escalated',
    category: 'complaint',
    notes: '客户投诉：订单 #A-99812 的包裹破损。Customer reports a damaged parcel; replacement promised within 3 days.',
  }),
  locale: 'zh-CN',
};

const saleSource = source(
  'pos-eu',
  'store-0815/reg-3/receipt-20260314-0192',
  'pos-receipts',
  'RECEIPT 0192 STORE 0815',
);
export const posSale: Touchpoint = {
  touchpointId: touchpointId(saleSource),
  channel: 'pos',
  type: 'receipt_issued',
  occurredAt: Date.UTC(2026, 2, 14, 16, 41, 7),
  receivedAt: Date.UTC(2026, 2, 14, 16, 41, 9),
  source: saleSource,
  identifiers: [
    { type: 'loyalty_id', value: 'LOY-7731-2209' },
    { type: 'payment_token', value: 'tok_4f9a1c0be2d84b7e' },
  ],
  traits: {},
  consent: null,
  context: null,
  payload: wrapPayload('pos', {
    storeId: 'store-0815',
    registerId: 'reg-3',
    cashierId: 'cashier-22',
    receiptNumber: '20260314-0192',
    originalReceiptNumber: null,
    currency: 'EUR',
    lines: [
      {
        sku: '4006381333931',
        name: 'Kräutertee Bio 20 Beutel',
        category: 'grocery',
        quantity: 2,
        unitPrice: 349,
        currency: 'EUR',
      },
      {
        sku: '8710103917397',
        name: 'Wasserkocher 1,7 l',
        category: 'household',
        quantity: 1,
        unitPrice: 3999,
        currency: 'EUR',
      },
      { sku: '4001686301555', name: 'Gummibärchen', category: null, quantity: 3, unitPrice: 129, currency: 'EUR' },
    ],
    subtotal: 5084,
    discount: 500,
    tax: 0,
    total: 4584,
    coupons: ['SPRING5'],
    paymentMethod: 'card',
    pointsEarned: 45,
    pointsRedeemed: 0,
  }),
  locale: 'de-DE',
};

const returnSource = source(
  'pos-eu',
  'store-0815/reg-1/receipt-20260316-0007',
  'pos-receipts',
  'RETURN 0007 STORE 0815',
);
export const posReturn: Touchpoint = {
  touchpointId: touchpointId(returnSource),
  channel: 'pos',
  type: 'item_returned',
  occurredAt: Date.UTC(2026, 2, 16, 9, 5, 12),
  receivedAt: Date.UTC(2026, 2, 16, 9, 5, 13),
  source: returnSource,
  identifiers: [{ type: 'loyalty_id', value: 'LOY-7731-2209' }],
  traits: {},
  consent: null,
  context: null,
  payload: wrapPayload('pos', {
    storeId: 'store-0815',
    registerId: 'reg-1',
    cashierId: null,
    receiptNumber: '20260316-0007',
    originalReceiptNumber: '20260314-0192',
    currency: 'EUR',
    lines: [
      {
        sku: '8710103917397',
        name: 'Wasserkocher 1,7 l',
        category: 'household',
        quantity: -1,
        unitPrice: 3999,
        currency: 'EUR',
      },
    ],
    subtotal: -3999,
    discount: 0,
    tax: 0,
    total: -3999,
    coupons: [],
    paymentMethod: 'card',
    pointsEarned: -40,
    pointsRedeemed: 0,
  }),
  locale: null,
};

const emailSource = source(
  'sendgrid',
  'evt_01HS3Q6J8W2K5X9V7T4N0M1P2R',
  'esp-webhook',
  '{"event":"click","sg_event_id":"evt_01HS3Q6J8W2K5X9V7T4N0M1P2R"}',
);
export const emailClicked: Touchpoint = {
  touchpointId: touchpointId(emailSource),
  channel: 'email',
  type: 'email_clicked',
  occurredAt: Date.UTC(2026, 2, 15, 7, 30, 2),
  receivedAt: Date.UTC(2026, 2, 15, 7, 30, 4),
  source: emailSource,
  identifiers: [
    { type: 'email', value: 'zoe.angstrom@example.ch' },
    { type: 'hashed_email', value: sha256('zoe.angstrom@example.ch') },
  ],
  traits: {},
  consent: { email_marketing: true },
  context: null,
  payload: wrapPayload('email', {
    messageId: '<20260315072955.1a2b3c@mail.example.ch>',
    provider: 'sendgrid',
    campaignId: 'cmp-2026-spring',
    campaignName: 'Frühlingsangebote – 20 % auf Crème-Sets',
    subject: 'Zoë, Ihre Frühlingsangebote sind da 🌷',
    from: 'news@example.ch',
    to: ['zoe.angstrom@example.ch'],
    clickedUrl: 'https://shop.example.ch/de/p/creme-brulee-set?utm_source=newsletter',
    bounceType: null,
    bounceReason: null,
    userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15',
    inReplyTo: null,
    snippet: null,
  }),
  locale: 'de-CH',
};

/** By fixture name (schemas/touchpoint/v2/fixtures/<name>.json). */
export const exampleTouchpoints: Readonly<Record<string, Touchpoint>> = {
  web: webProductViewed,
  call_center: callComplaint,
  pos_sale: posSale,
  pos_return: posReturn,
  email: emailClicked,
};
