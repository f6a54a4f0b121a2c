/**
 * The request bodies of the collect benchmark: Segment `/v1/batch` bodies as a
 * server-side relay (analytics-node, a Segment-compatible proxy) sends them — one
 * `sentAt` and `writeKey` per batch, calls of several visitors mixed, each with the
 * browser context analytics.js gives it: ~10 % identify, ~60 % track (e-commerce
 * spec events), ~30 % page.
 *
 * A pool of templates is built once; every request then joins a template around a
 * fresh tag, so every call of the whole run has its own messageId (the touchpoint id
 * comes from it: a repeated id would be a retry, deduplicated downstream).
 */
import { randomUUID } from 'node:crypto';

/** Stands where each call's messageId starts; the template's text is split on it. */
const MARK = '@@MSGID@@';

export interface BatchTemplates {
  events: number;
  /** Each template's JSON text, split on the messageId mark. */
  templates: readonly string[][];
  /** Average body size in bytes, with the real messageIds in. */
  avgBytes: number;
  /** Largest single call, in bytes (Segment's limit is 32 KB). */
  maxCallBytes: number;
}

type Json = Record<string, unknown>;

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const int = (min: number, max: number): number => min + Math.floor(Math.random() * (max - min + 1));

const FIRST = ['Zoë', 'José', 'Łukasz', 'Björn', 'Søren', 'Ana', 'Chloé', 'Jürgen', 'Mårten', 'Ayşe', 'Ngọc', 'Liam'];
const LAST = ['Müller', 'Ødegård', 'Nuñez', 'Dvořák', 'Kowalczyk', 'García', 'Çelik', 'Håkansson', 'Smith', 'Rossi'];
const CITIES = [
  ['Zürich', 'CH', '8001'],
  ['Kraków', 'PL', '30-001'],
  ['Göteborg', 'SE', '411 01'],
  ['Málaga', 'ES', '29001'],
  ['São Paulo', 'BR', '01000-000'],
  ['Berlin', 'DE', '10115'],
] as const;
const LOCALES = ['de-CH', 'pl-PL', 'sv-SE', 'es-ES', 'pt-BR', 'de-DE', 'en-US'];
const AGENTS = [
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
];
const PRODUCTS = [
  ['crème-brûlée-set', 'Crème-brûlée-Set', 'Kitchen', 39.9],
  ['espresso-cups-6', 'Espresso cups, set of 6', 'Kitchen', 24.5],
  ['linen-apron', 'Linen apron', 'Textiles', 29],
  ['cast-iron-pan-28', 'Cast-iron pan 28 cm', 'Cookware', 89],
  ['chef-knife-20', 'Chef knife 20 cm', 'Knives', 119],
  ['oak-board-l', 'Oak cutting board, large', 'Kitchen', 54.9],
] as const;
const CAMPAIGNS = [
  { source: 'newsletter', medium: 'email', name: 'spring_sale' },
  { source: 'google', medium: 'cpc', name: 'brand_ch', term: 'kochgeschirr' },
  { source: 'instagram', medium: 'social', name: 'easter_2026', content: 'story_3' },
];

interface Visitor {
  anonymousId: string;
  userId: string | null;
  email: string;
  first: string;
  last: string;
  city: (typeof CITIES)[number];
  locale: string;
  userAgent: string;
  ip: string;
  campaign: Json | null;
}

function visitor(): Visitor {
  const first = pick(FIRST);
  const last = pick(LAST);
  const anonymousId = randomUUID();
  return {
    anonymousId,
    userId: Math.random() < 0.4 ? `usr_${anonymousId.slice(0, 12)}` : null,
    email: `${first}.${last}.${anonymousId.slice(0, 6)}@example.com`.normalize('NFD').replace(/[^\x20-\x7e]/g, ''),
    first,
    last,
    city: pick(CITIES),
    locale: pick(LOCALES),
    userAgent: pick(AGENTS),
    ip: `203.0.113.${int(1, 254)}`,
    campaign: Math.random() < 0.5 ? pick(CAMPAIGNS) : null,
  };
}

function page(product: (typeof PRODUCTS)[number]): Json {
  const path = `/de/p/${product[0]}`;
  return {
    path,
    referrer: pick(['https://www.google.com/', 'https://mail.example.com/', 'https://shop.example.ch/de/']),
    search: '?utm_source=newsletter&utm_medium=email&utm_campaign=spring_sale',
    title: `${product[1]} – Example Shop`,
    url: `https://shop.example.ch${path}?utm_source=newsletter&utm_medium=email&utm_campaign=spring_sale`,
  };
}

function context(v: Visitor, pageFields: Json): Json {
  return {
    page: pageFields,
    userAgent: v.userAgent,
    locale: v.locale,
    ip: v.ip,
    library: { name: 'analytics.js', version: 'next-1.70.0' },
    timezone: 'Europe/Zurich',
    screen: { width: 390, height: 844, density: 3 },
    ...(v.campaign ? { campaign: v.campaign } : {}),
  };
}

function lineItem(product: (typeof PRODUCTS)[number], position: number): Json {
  return {
    product_id: product[0],
    sku: `SKU-${product[0].length}${position}`,
    name: product[1],
    category: product[2],
    price: product[3],
    quantity: int(1, 3),
    position,
    url: `https://shop.example.ch/de/p/${product[0]}`,
    image_url: `https://cdn.example.ch/img/${product[0]}.jpg`,
  };
}

function track(v: Visitor, product: (typeof PRODUCTS)[number]): Json {
  const event = pick(['Product Viewed', 'Product Viewed', 'Product Added', 'Products Searched', 'Order Completed']);
  const item = lineItem(product, 1);
  const properties: Json =
    event === 'Order Completed'
      ? {
          order_id: `ord_${randomUUID().slice(0, 8)}`,
          affiliation: 'Example Shop CH',
          total: 129.8,
          revenue: 108.9,
          shipping: 9.9,
          tax: 11,
          discount: 0,
          currency: 'CHF',
          products: [item, lineItem(pick(PRODUCTS), 2)],
        }
      : event === 'Products Searched'
        ? { query: pick(['pfanne', 'messer', 'schürze', 'espresso']) }
        : { ...item, currency: 'CHF', value: product[3] };
  return { type: 'track', event, userId: v.userId, anonymousId: v.anonymousId, properties };
}

function call(v: Visitor, timestamp: string, index: number): Json {
  const product = pick(PRODUCTS);
  const pageFields = page(product);
  const roll = Math.random();
  const body: Json =
    roll < 0.1
      ? {
          type: 'identify',
          userId: v.userId,
          anonymousId: v.anonymousId,
          traits: {
            email: v.email,
            firstName: v.first,
            lastName: v.last,
            address: { city: v.city[0], country: v.city[1], postalCode: v.city[2] },
            plan: pick(['free', 'member', 'gold']),
            createdAt: '2025-11-02T10:15:00.000Z',
          },
        }
      : roll < 0.7
        ? track(v, product)
        : {
            type: 'page',
            userId: v.userId,
            anonymousId: v.anonymousId,
            name: product[1],
            category: product[2],
            properties: pageFields,
          };
  if (body.userId === null) delete body.userId;
  return {
    ...body,
    messageId: `${MARK}-${index}`,
    timestamp,
    context: context(v, pageFields),
    integrations: {},
  };
}

/** One batch body: `events` calls of 1–5 visitors, seconds apart, sent 2 s after the last. */
function batchBody(events: number, writeKey: string): Json {
  const visitors = Array.from({ length: int(1, 5) }, visitor);
  const sentAt = Date.now();
  const batch = Array.from({ length: events }, (_, i) =>
    call(pick(visitors), new Date(sentAt - 2_000 - (events - i) * 1_500).toISOString(), i),
  );
  return { batch, sentAt: new Date(sentAt).toISOString(), writeKey };
}

/** `count` different batch templates of `events` calls each. */
export function batchTemplates(options: { events: number; count: number; writeKey: string }): BatchTemplates {
  const bodies = Array.from({ length: options.count }, () => batchBody(options.events, options.writeKey));
  const templates = bodies.map((body) => JSON.stringify(body).split(MARK));
  const sampleTag = 'c360b-0000000-0000000';
  const bytes = templates.map((t) => Buffer.byteLength(fill(t, sampleTag)));
  const callBytes = bodies.flatMap((b) => (b.batch as Json[]).map((c) => Buffer.byteLength(JSON.stringify(c))));
  return {
    events: options.events,
    templates,
    avgBytes: bytes.reduce((sum, b) => sum + b, 0) / bytes.length,
    maxCallBytes: Math.max(...callBytes),
  };
}

/** The template's text with each call's messageId as `<tag>-<index>`. */
export const fill = (template: readonly string[], tag: string): string => template.join(tag);
