import { fixtureReader, payloadOf } from '@c360/channels/testing';
import type { EmailPayload, Touchpoint } from '@c360/touchpoint';

/** Helpers for this package's integration tests; the shared ones come from @c360/channels/testing. */
export { admin, contextOf, counts, eventually, post } from '@c360/channels/testing';

export const { fixture, fixtureJson } = fixtureReader(new URL('../fixtures/', import.meta.url));

export const emailPayload = (touchpoint: Touchpoint): EmailPayload => payloadOf(touchpoint, 'email');
