import { readFileSync } from 'node:fs';
import type { CollectorHarness } from '@c360/channels/testing';
import { fromJsonTextMap, unwrapPayload, type CallCenterPayload, type Touchpoint } from '@c360/touchpoint';

/** Helpers for this package's integration tests (real HTTP against a collector harness). */

export const fixture = (path: string): Buffer => readFileSync(new URL(`../fixtures/${path}`, import.meta.url));

export const fixtureJson = <T = Record<string, unknown>[]>(path: string): T =>
  JSON.parse(fixture(path).toString('utf8')) as T;

export async function post(
  harness: CollectorHarness,
  path: string,
  body: string | Buffer,
  init: { contentType?: string; authorization?: string | null; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: Record<string, unknown>; text: string; contentType: string | null }> {
  const headers: Record<string, string> = { 'content-type': init.contentType ?? 'application/json', ...init.headers };
  const authorization = init.authorization === undefined ? harness.basic : init.authorization;
  if (authorization !== null) headers.authorization = authorization;
  const response = await fetch(`${harness.url}${path}`, { method: 'POST', headers, body });
  const text = await response.text();
  const contentType = response.headers.get('content-type');
  const body_ = contentType?.includes('json') && text ? (JSON.parse(text) as Record<string, unknown>) : {};
  return { status: response.status, body: body_, text, contentType };
}

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

export const callPayload = (touchpoint: Touchpoint): CallCenterPayload => {
  const unwrapped = unwrapPayload(touchpoint.payload);
  if (unwrapped?.channel !== 'call_center')
    throw new Error(`touchpoint ${touchpoint.touchpointId} has no call payload`);
  return unwrapped.payload;
};

export const contextOf = (touchpoint: Touchpoint): Record<string, unknown> => fromJsonTextMap(touchpoint.context ?? {});

/** Form parameters of a fixture body, in order (what the signature is computed over). */
export const formParams = (body: Buffer | string): [string, string][] => [...new URLSearchParams(body.toString())];

/** A form body with some parameters replaced (or removed with `null`). */
export function withParams(body: Buffer | string, changes: Record<string, string | null>): string {
  const params = new URLSearchParams(body.toString());
  for (const [name, value] of Object.entries(changes)) {
    if (value === null) params.delete(name);
    else params.set(name, value);
  }
  return params.toString();
}
