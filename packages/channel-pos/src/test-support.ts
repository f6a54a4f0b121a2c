import { readFileSync } from 'node:fs';
import type { CollectorHarness } from '@c360/channels/testing';
import { unwrapPayload, type PosPayload, type Touchpoint } from '@c360/touchpoint';

/** Helpers for this package's integration tests (real HTTP against a collector harness). */

export const fixture = (path: string): Buffer => readFileSync(new URL(`../fixtures/${path}`, import.meta.url));

export const fixtureJson = <T = Record<string, unknown>>(path: string): T =>
  JSON.parse(fixture(path).toString('utf8')) as T;

export interface Reply {
  status: number;
  text: string;
  body: Record<string, unknown>;
}

export async function post(
  harness: CollectorHarness,
  path: string,
  body: string | Buffer,
  init: { authorization?: string | null; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...init.headers };
  const authorization = init.authorization === undefined ? harness.basic : init.authorization;
  if (authorization !== null) headers.authorization = authorization;
  const response = await fetch(`${harness.url}${path}`, { method: 'POST', headers, body });
  const text = await response.text();
  return { status: response.status, text, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
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

export const posPayload = (touchpoint: Touchpoint): PosPayload => {
  const unwrapped = unwrapPayload(touchpoint.payload);
  if (unwrapped?.channel !== 'pos') throw new Error(`touchpoint ${touchpoint.touchpointId} has no POS payload`);
  return unwrapped.payload;
};

/** Everything both topics hold, as text: to prove a value reached neither. */
export async function everythingWritten(harness: CollectorHarness): Promise<string> {
  const { rows } = await harness.db.sql.query<{ value: Uint8Array }>(`SELECT value FROM bus_messages`);
  return rows.map((r) => Buffer.from(r.value).toString('latin1')).join('\n');
}
