import { toJsonTextMap, wrapPayload, type CallCategory, type JsonValue } from '@c360/touchpoint';
import { factFromTouchpoint, type ContactFact } from './fact';
import { DAY_MS, HOUR_MS } from './stats';

/** Builders of realistic contact facts for this package's tests, made through factFromTouchpoint. */

export const T0 = Date.UTC(2026, 0, 5, 10, 0, 0);
/** T0 + n days (fractions allowed). */
export const day = (n: number): number => T0 + n * DAY_MS;
export const hoursAfter = (at: number, hours: number): number => at + hours * HOUR_MS;
export const atDay = (n: number): Date => new Date(day(n));

let sequence = 0;
const nextId = (): string => `00000000-0000-4000-8000-${String((sequence += 1)).padStart(12, '0')}`;

interface Base {
  type: string;
  at: number;
  consent?: Record<string, boolean> | null;
  context?: Record<string, JsonValue>;
}

function base(b: Base) {
  return {
    touchpointId: nextId(),
    type: b.type,
    occurredAt: b.at,
    traits: {},
    context: b.context ? toJsonTextMap(b.context) : null,
    consent: b.consent ?? null,
  };
}

export function posReceipt(o: {
  at: number;
  total: number;
  currency?: string;
  coupons?: string[];
  type?: string;
}): ContactFact {
  const currency = o.currency ?? 'EUR';
  return factFromTouchpoint({
    ...base({ type: o.type ?? (o.total < 0 ? 'item_returned' : 'receipt_issued'), at: o.at }),
    channel: 'pos',
    payload: wrapPayload('pos', {
      storeId: 'store-0815',
      registerId: 'reg-1',
      cashierId: null,
      receiptNumber: `R-${o.at}`,
      originalReceiptNumber: null,
      currency,
      lines: [
        {
          sku: 'rice-10kg',
          name: 'Reis 10 kg',
          category: 'grocery',
          quantity: o.total < 0 ? -1 : 1,
          unitPrice: Math.abs(o.total),
          currency,
        },
      ],
      subtotal: o.total,
      discount: 0,
      tax: 0,
      total: o.total,
      coupons: o.coupons ?? [],
      paymentMethod: 'card',
      pointsEarned: 0,
      pointsRedeemed: 0,
    }),
  });
}

export function web(o: {
  type: string;
  at: number;
  properties?: Record<string, JsonValue>;
  event?: string;
  consent?: Record<string, boolean>;
}): ContactFact {
  return factFromTouchpoint({
    ...base({ type: o.type, at: o.at, consent: o.consent }),
    channel: 'web',
    payload: wrapPayload('web', {
      event: o.event ?? o.type,
      properties: toJsonTextMap(o.properties ?? {}),
      url: null,
      path: null,
      referrer: null,
      title: null,
      campaign: null,
      ip: null,
      userAgent: null,
      library: 'analytics-node/2.0.0',
      deviceType: 'unknown',
    }),
  });
}

/** Segment "Order Completed" → order_placed; amounts in major units, as Segment sends them. */
export const webOrder = (o: {
  at: number;
  total: number;
  currency?: string;
  orderId?: string;
  coupon?: string;
}): ContactFact =>
  web({
    type: 'order_placed',
    event: 'Order Completed',
    at: o.at,
    properties: {
      order_id: o.orderId ?? `W-${o.at}`,
      total: o.total,
      ...(o.currency ? { currency: o.currency } : {}),
      ...(o.coupon ? { coupon: o.coupon } : {}),
    },
  });

export const webRefund = (o: { at: number; orderId: string; total?: number; currency?: string }): ContactFact =>
  web({
    type: 'order_refunded',
    event: 'Order Refunded',
    at: o.at,
    properties: {
      order_id: o.orderId,
      ...(o.total === undefined ? {} : { total: o.total }),
      ...(o.currency ? { currency: o.currency } : {}),
    },
  });

export const pageView = (at: number): ContactFact => web({ type: 'page_viewed', event: 'page', at });

export function call(o: {
  at: number;
  category: CallCategory;
  disposition: string | null;
  minutes?: number;
  type?: string;
  context?: Record<string, JsonValue>;
}): ContactFact {
  const minutes = o.minutes ?? 10;
  return factFromTouchpoint({
    ...base({
      type: o.type ?? (o.category === 'complaint' ? 'complaint_logged' : 'call_completed'),
      at: o.at,
      context: o.context,
    }),
    channel: 'call_center',
    payload: wrapPayload('call_center', {
      direction: 'inbound',
      queue: 'hotline',
      agentId: 'agent-117',
      agentName: '韩梅梅',
      startedAt: o.at,
      endedAt: o.at + minutes * 60_000,
      talkSeconds: minutes * 60,
      holdSeconds: 0,
      disposition: o.disposition,
      category: o.category,
      notes: 'Customer reports a damaged washing machine drum.',
    }),
  });
}

export function email(o: { type: string; at: number; consent?: Record<string, boolean> | null }): ContactFact {
  return factFromTouchpoint({
    ...base({ type: o.type, at: o.at, consent: o.consent }),
    channel: 'email',
    payload: wrapPayload('email', {
      messageId: `<${o.at}@mail.example.com>`,
      provider: 'sendgrid',
      campaignId: 'cmp-2026-spring',
      campaignName: 'Spring offers',
      subject: 'Zoë, your spring offers are here',
      from: 'news@example.com',
      to: ['zoe@example.com'],
      clickedUrl: null,
      bounceType: null,
      bounceReason: null,
      userAgent: null,
      inReplyTo: null,
      snippet: null,
    }),
  });
}

/** A web survey answer (`survey_answered` with `properties.score`). */
export const surveyAnswer = (at: number, score: number): ContactFact =>
  web({ type: 'survey_answered', event: 'Survey Answered', at, properties: { survey: 'csat-2026', score } });
