/**
 * The touchpoints the bus benchmark sends: variations of `@c360/touchpoint`'s
 * realistic examples, deterministic per index, valid under `validateTouchpoint`,
 * spread over `count / 8` customers so the partition keys (the intake's
 * `partitionKey`) cover every partition. Mix: web 40 %, email 25 %, POS 20 %,
 * call center 15 %.
 */
import { createHash } from 'node:crypto';
import type { OutgoingMessage } from '@c360/bus';
import { partitionKey } from '@c360/channels';
import {
  toJsonTextMap,
  touchpointId,
  unwrapPayload,
  uuidV5,
  wrapPayload,
  type Channel,
  type PayloadByChannel,
  type Source,
  type Touchpoint,
} from '@c360/touchpoint';
import { callComplaint, emailClicked, posSale, webProductViewed } from '@c360/touchpoint/testing';

/** The message the intake publishes for a touchpoint (see `createIntake().accept`). */
export const touchpointMessage = (touchpoint: Touchpoint, value: Buffer): OutgoingMessage => ({
  key: partitionKey(touchpoint),
  value,
  headers: { 'c360-channel': touchpoint.channel, 'c360-touchpoint-id': touchpoint.touchpointId },
});

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const at = <T>(items: readonly T[], n: number): T => items[n % items.length]!;

const BENCH_NAMESPACE = 'f4b0c7de-5a1e-4c83-9d2b-6e0a3f1c8b47';
const FIRST = ['Zoë', 'José', 'Łukasz', 'Björn', 'Søren', 'Ana', 'Chloé', 'Jürgen', 'Mårten', 'Ayşe', '李', 'Ngọc'];
const LAST = ['Müller', 'Ødegård', 'Nuñez', 'Dvořák', 'Kowalczyk', 'García', 'Çelik', 'Håkansson', '王', 'Ångström'];
const LOCALES = ['de-CH', 'de-DE', 'pl-PL', 'pt-BR', 'sv-SE', 'zh-CN', 'fr-FR'];
const PRODUCTS = [
  { sku: '4006381333931', name: 'Kräutertee Bio 20 Beutel', category: 'grocery', price: 349 },
  { sku: '8710103917397', name: 'Wasserkocher 1,7 l', category: 'household', price: 3999 },
  { sku: '4001686301555', name: 'Gummibärchen', category: 'grocery', price: 129 },
  { sku: '7610200337495', name: 'Crème brûlée set', category: 'kitchen', price: 3490 },
  { sku: '5901234123457', name: 'Żubrówka glass, 6 pcs', category: 'household', price: 2450 },
  { sku: '7318120000012', name: 'Kanelbullar 8-pack', category: 'bakery', price: 589 },
];
const NOTES = [
  '客户投诉：订单的包裹破损。Customer reports a damaged parcel; replacement promised within 3 days.',
  'Kunde fragt nach Lieferzeit für Bestellung; Sendungsverfolgung per E-Mail geschickt.',
  'Klientka chce zwrócić czajnik – skierowano do sklepu, paragon wymagany.',
  null,
];

interface Customer {
  name: string;
  email: string;
  hashedEmail: string;
  phone: string;
  loyaltyId: string;
  userId: string;
  customerNumber: string;
  locale: string;
}

function customer(c: number): Customer {
  const email = `customer.${c}@example.${at(['ch', 'de', 'pl', 'se'], c)}`;
  return {
    name: `${at(FIRST, c)} ${at(LAST, c * 7)}`,
    email,
    hashedEmail: sha256(email),
    phone: `+41${790_000_000 + c}`,
    loyaltyId: `LOY-${String(c).padStart(7, '0')}`,
    userId: `u-${c}`,
    customerNumber: `C-${String(c).padStart(7, '0')}`,
    locale: at(LOCALES, c),
  };
}

function sourceFor(template: Source, i: number): Source {
  const sourceId = `${template.sourceId}-${i}`;
  return { ...template, sourceId, rawSha256: sha256(`${template.system}\n${sourceId}`) };
}

function payloadOf<C extends Channel>(example: Touchpoint, channel: C): PayloadByChannel[C] {
  const unwrapped = unwrapPayload(example.payload);
  if (unwrapped?.channel !== channel) throw new Error(`example ${example.type} has no ${channel} payload`);
  return unwrapped.payload as PayloadByChannel[C];
}

const TEMPLATE = {
  web: payloadOf(webProductViewed, 'web'),
  email: payloadOf(emailClicked, 'email'),
  pos: payloadOf(posSale, 'pos'),
  call_center: payloadOf(callComplaint, 'call_center'),
};

const BASE_TIME = Date.UTC(2026, 2, 1);

function web(i: number, who: Customer, c: number, occurredAt: number): Touchpoint {
  const product = at(PRODUCTS, i);
  const source = sourceFor(webProductViewed.source, i);
  const anonymousId = uuidV5(BENCH_NAMESPACE, `anonymous:${c}:${i % 3}`);
  const path = `/p/${product.sku}`;
  return {
    ...webProductViewed,
    touchpointId: touchpointId(source),
    source,
    occurredAt,
    receivedAt: occurredAt + 300 + (i % 900),
    identifiers: [
      { type: 'anonymous_id', value: anonymousId },
      ...(i % 5 < 3 ? [{ type: 'email' as const, value: who.email }] : []),
      { type: 'user_id', value: who.userId },
    ],
    traits: toJsonTextMap({ name: who.name, newsletter: i % 2 === 0 }),
    payload: wrapPayload('web', {
      ...TEMPLATE.web,
      properties: toJsonTextMap({ product_id: product.sku, name: product.name, price: product.price / 100 }),
      url: `https://shop.example.ch${path}?utm_source=newsletter`,
      path,
      title: `${product.name} – Example Shop`,
    }),
    locale: who.locale,
  };
}

function email(i: number, who: Customer, occurredAt: number): Touchpoint {
  const source = sourceFor(emailClicked.source, i);
  return {
    ...emailClicked,
    touchpointId: touchpointId(source),
    source,
    type: at(['email_opened', 'email_clicked', 'email_delivered'], i),
    occurredAt,
    receivedAt: occurredAt + 2_000,
    identifiers: [
      { type: 'email', value: who.email },
      { type: 'hashed_email', value: who.hashedEmail },
    ],
    payload: wrapPayload('email', {
      ...TEMPLATE.email,
      messageId: `<${occurredAt}.${i}@mail.example.ch>`,
      subject: `${who.name.split(' ')[0]}, Ihre Frühlingsangebote sind da 🌷`,
      to: [who.email],
    }),
    locale: who.locale,
  };
}

function pos(i: number, who: Customer, occurredAt: number): Touchpoint {
  const source = sourceFor(posSale.source, i);
  const lines = Array.from({ length: 1 + (i % 4) }, (_, n) => {
    const { sku, name, category, price } = at(PRODUCTS, i + n * 5);
    return { sku, name, category, quantity: 1 + ((i + n) % 3), unitPrice: price, currency: 'EUR' };
  });
  const subtotal = lines.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0);
  const discount = i % 3 === 0 ? 500 : 0;
  return {
    ...posSale,
    touchpointId: touchpointId(source),
    source,
    occurredAt,
    receivedAt: occurredAt + 2_000,
    identifiers: [
      { type: 'loyalty_id', value: who.loyaltyId },
      { type: 'payment_token', value: `tok_${sha256(source.sourceId).slice(0, 16)}` },
    ],
    payload: wrapPayload('pos', {
      ...TEMPLATE.pos,
      storeId: `store-${String(i % 400).padStart(4, '0')}`,
      receiptNumber: `20260301-${i}`,
      lines,
      subtotal,
      discount,
      total: subtotal - discount,
      coupons: discount > 0 ? ['SPRING5'] : [],
      pointsEarned: Math.floor((subtotal - discount) / 100),
    }),
    locale: who.locale,
  };
}

function call(i: number, who: Customer, occurredAt: number): Touchpoint {
  const source = sourceFor(callComplaint.source, i);
  const talkSeconds = 60 + (i % 900);
  return {
    ...callComplaint,
    touchpointId: touchpointId(source),
    source,
    occurredAt,
    receivedAt: occurredAt + talkSeconds * 1000 + 60_000,
    identifiers: [
      { type: 'phone', value: who.phone },
      { type: 'customer_number', value: who.customerNumber },
    ],
    traits: toJsonTextMap({ name: who.name }),
    payload: wrapPayload('call_center', {
      ...TEMPLATE.call_center,
      startedAt: occurredAt,
      endedAt: occurredAt + talkSeconds * 1000,
      talkSeconds,
      holdSeconds: i % 120,
      category: at(['purchase', 'information', 'consultation', 'complaint'] as const, i),
      notes: at(NOTES, i),
    }),
    locale: who.locale,
  };
}

/** Channel of touchpoint `i`: 8 web, 5 email, 4 POS, 3 call center in every 20. */
const MIX = [...'wwwwwwww', ...'eeeee', ...'pppp', ...'ccc'];

/** `count` touchpoints; touchpoint `i` belongs to customer `i * 7919 mod customers` (neighbours differ). */
export function buildTouchpoints(count: number): Touchpoint[] {
  const customers = Math.max(1, Math.floor(count / 8));
  const people = Array.from({ length: customers }, (_, c) => customer(c));
  return Array.from({ length: count }, (_, i) => {
    const c = (i * 7919) % customers;
    const who = people[c]!;
    const occurredAt = BASE_TIME + i * 997;
    switch (at(MIX, i)) {
      case 'w':
        return web(i, who, c, occurredAt);
      case 'e':
        return email(i, who, occurredAt);
      case 'p':
        return pos(i, who, occurredAt);
      default:
        return call(i, who, occurredAt);
    }
  });
}
