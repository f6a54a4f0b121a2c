import { fixtureReader, payloadOf, type CollectorHarness } from '@c360/channels/testing';
import type { PosPayload, Touchpoint } from '@c360/touchpoint';

/** Helpers for this package's integration tests; the shared ones come from @c360/channels/testing. */
export { admin, counts, eventually, post } from '@c360/channels/testing';

const fixtures = fixtureReader(new URL('../fixtures/', import.meta.url));
export const fixture = fixtures.fixture;
export const fixtureJson = <T = Record<string, unknown>>(path: string): T => fixtures.fixtureJson<T>(path);

export const posPayload = (touchpoint: Touchpoint): PosPayload => payloadOf(touchpoint, 'pos');

/** Everything both topics hold, as text: to prove a value reached neither. */
export async function everythingWritten(harness: CollectorHarness): Promise<string> {
  const { rows } = await harness.db.sql.query<{ value: Uint8Array }>(`SELECT value FROM bus_messages`);
  return rows.map((r) => Buffer.from(r.value).toString('latin1')).join('\n');
}
