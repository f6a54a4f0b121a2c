import type { CollectorHarness } from '@c360/channels/testing';
import { fromJsonTextMap, unwrapPayload, type JsonValue, type Touchpoint, type WebPayload } from '@c360/touchpoint';

/** Helpers for this package's integration tests (real HTTP against a collector harness). */

/** The harness clock of tests that pin it: 2026-03-14T09:00:00Z. */
export const NOW = Date.UTC(2026, 2, 14, 9, 0, 0);
export const iso = (epochMs: number): string => new Date(epochMs).toISOString();

export interface Sent {
  status: number;
  body: Record<string, unknown>;
}

/** POSTs `body` (JSON-encoded unless a string) with the harness's write key as Basic auth unless told otherwise. */
export async function post(
  harness: CollectorHarness,
  path: string,
  body: unknown,
  init: { contentType?: string; authorization?: string | null } = {},
): Promise<Sent> {
  const headers: Record<string, string> = { 'content-type': init.contentType ?? 'application/json' };
  const authorization = init.authorization === undefined ? harness.basic : init.authorization;
  if (authorization !== null) headers.authorization = authorization;
  const response = await fetch(`${harness.url}${path}`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** The touchpoints on the bus whose source id (the Segment messageId) is one of `messageIds`, in that order. */
export async function published(harness: CollectorHarness, ...messageIds: string[]): Promise<Touchpoint[]> {
  const all = await harness.touchpoints();
  return messageIds.map((id) => {
    const found = all.filter((t) => t.source.sourceId === id);
    if (found.length !== 1) throw new Error(`expected one touchpoint for messageId ${id}, found ${found.length}`);
    return found[0]!;
  });
}

export const onePublished = async (harness: CollectorHarness, messageId: string): Promise<Touchpoint> =>
  (await published(harness, messageId))[0]!;

export const count = async (harness: CollectorHarness): Promise<number> => (await harness.touchpoints()).length;

export const webPayload = (touchpoint: Touchpoint): WebPayload => {
  const unwrapped = unwrapPayload(touchpoint.payload);
  if (unwrapped?.channel !== 'web') throw new Error(`touchpoint ${touchpoint.touchpointId} has no web payload`);
  return unwrapped.payload;
};

export const properties = (touchpoint: Touchpoint): Record<string, JsonValue> =>
  fromJsonTextMap(webPayload(touchpoint).properties);
export const traits = (touchpoint: Touchpoint): Record<string, JsonValue> => fromJsonTextMap(touchpoint.traits);
export const contextOf = (touchpoint: Touchpoint): Record<string, JsonValue> =>
  fromJsonTextMap(touchpoint.context ?? {});

/** The rejected counter of the web channel (0 before the first reject). */
export async function rejectedCount(harness: CollectorHarness): Promise<number> {
  return counter(harness, 'rejected');
}

export async function acceptedCount(harness: CollectorHarness): Promise<number> {
  return counter(harness, 'accepted');
}

async function counter(harness: CollectorHarness, outcome: string): Promise<number> {
  const metric = harness.registry.getSingleMetric('c360_channel_touchpoints_total');
  const values = metric ? (await metric.get()).values : [];
  return values.find((v) => v.labels.channel === 'web' && v.labels.outcome === outcome)?.value ?? 0;
}

/** A browser's context as analytics.js builds it (page enrichment, campaign from utm_ parameters, library). */
export const browserContext = {
  page: {
    path: '/de/p/creme-brulee-set',
    referrer: 'https://mail.example.com/',
    search: '?utm_source=newsletter&utm_medium=email&utm_campaign=spring_sale',
    title: 'Crème-brûlée-Set – Example Shop',
    url: 'https://shop.example.ch/de/p/creme-brulee-set?utm_source=newsletter&utm_medium=email&utm_campaign=spring_sale',
  },
  campaign: { source: 'newsletter', medium: 'email', name: 'spring_sale' },
  userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148',
  locale: 'de-CH',
  library: { name: 'analytics.js', version: 'next-1.70.0' },
  timezone: 'Europe/Zurich',
  screen: { width: 390, height: 844 },
};
