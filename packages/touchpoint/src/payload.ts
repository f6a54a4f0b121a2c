import { PAYLOAD_BRANCH, type Channel, type PayloadByChannel, type TouchpointPayload } from './types';

/** Helpers over the wrapped payload union, so callers need not spell branch names. */

export function wrapPayload<C extends Channel>(channel: C, payload: PayloadByChannel[C]): TouchpointPayload {
  return { [PAYLOAD_BRANCH[channel]]: payload } as unknown as TouchpointPayload;
}

export type UnwrappedPayload = { [C in Channel]: { channel: C; payload: PayloadByChannel[C] } }[Channel];

/** The payload with its channel, or null when there is none (or the value is not a known branch). */
export function unwrapPayload(payload: TouchpointPayload | null): UnwrappedPayload | null {
  if (payload === null) return null;
  for (const channel of Object.keys(PAYLOAD_BRANCH) as Channel[]) {
    const branch = PAYLOAD_BRANCH[channel];
    if (branch in payload) {
      return { channel, payload: (payload as Record<string, unknown>)[branch] } as UnwrappedPayload;
    }
  }
  return null;
}
