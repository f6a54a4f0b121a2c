import { fixtureReader, payloadOf } from '@c360/channels/testing';
import type { CallCenterPayload, Touchpoint } from '@c360/touchpoint';

/** Helpers for this package's integration tests; the shared ones come from @c360/channels/testing. */
export { admin, contextOf, counts, eventually, post } from '@c360/channels/testing';

export const { fixture, fixtureJson } = fixtureReader(new URL('../fixtures/', import.meta.url));

export const callPayload = (touchpoint: Touchpoint): CallCenterPayload => payloadOf(touchpoint, 'call_center');

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
