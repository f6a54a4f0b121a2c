import { readFileSync } from 'node:fs';
import { fromJsonTextMap, unwrapPayload, type Channel, type PayloadByChannel, type Touchpoint } from '@c360/touchpoint';
import type { CollectorHarness } from './harness';

/** Helpers shared by the channel packages' integration tests (real HTTP against a collector harness). */

/** Reads fixtures below `directory` (e.g. `new URL('../fixtures/', import.meta.url)`). */
export function fixtureReader(directory: URL) {
  const fixture = (path: string): Buffer => readFileSync(new URL(path, directory));
  const fixtureJson = <T = Record<string, unknown>[]>(path: string): T =>
    JSON.parse(fixture(path).toString('utf8')) as T;
  return { fixture, fixtureJson };
}

export interface Reply {
  status: number;
  /** The JSON body, parsed; `{}` when the answer is empty or not JSON. */
  body: Record<string, unknown>;
  text: string;
  contentType: string | null;
}

/** POSTs `body`, by default with the harness's write key (Basic); `authorization: null` sends none. */
export async function post(
  harness: CollectorHarness,
  path: string,
  body: string | Buffer,
  init: { contentType?: string; authorization?: string | null; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { 'content-type': init.contentType ?? 'application/json', ...init.headers };
  const authorization = init.authorization === undefined ? harness.basic : init.authorization;
  if (authorization !== null) headers.authorization = authorization;
  const response = await fetch(`${harness.url}${path}`, { method: 'POST', headers, body });
  const text = await response.text();
  const contentType = response.headers.get('content-type');
  const parsed = contentType?.includes('json') && text ? (JSON.parse(text) as Record<string, unknown>) : {};
  return { status: response.status, body: parsed, text, contentType };
}

/** Calls an admin route with the harness's admin token. */
export async function admin(
  harness: CollectorHarness,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${harness.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${harness.adminToken}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Polls until `probe` returns a value (the quarantine index is filled asynchronously from its topic). */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** How many messages each topic holds now: take one before and one after to see what a request wrote. */
export async function counts(harness: CollectorHarness): Promise<{ touchpoints: number; quarantined: number }> {
  return { touchpoints: (await harness.touchpoints()).length, quarantined: (await harness.quarantined()).length };
}

/** The touchpoint's payload, which must be `channel`'s. */
export function payloadOf<C extends Channel>(touchpoint: Touchpoint, channel: C): PayloadByChannel[C] {
  const unwrapped = unwrapPayload(touchpoint.payload);
  if (unwrapped?.channel !== channel) {
    throw new Error(`touchpoint ${touchpoint.touchpointId} has no ${channel} payload`);
  }
  return unwrapped.payload as PayloadByChannel[C];
}

export const contextOf = (touchpoint: Touchpoint): Record<string, unknown> => fromJsonTextMap(touchpoint.context ?? {});
