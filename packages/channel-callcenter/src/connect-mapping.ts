import { toJsonTextMap, touchpointId, wrapPayload, type Touchpoint } from '@c360/touchpoint';
import type { ConnectCall } from './connect-record';

export interface CallMappingOptions {
  system: string;
  adapter: string;
  adapterVersion: string;
  /** sha256 (hex) of the record's bytes as received (or its JSON text when it came in an array). */
  rawSha256: string;
  receivedAt: number;
}

/**
 * A complaint call marks an open complaint (`complaint_logged`); every other call is
 * `call_completed`. A later call whose disposition reads resolved/closed/fixed/solved
 * closes it — that is the traits package's rule, so the disposition is carried as given.
 */
export const callType = (category: string): string =>
  category === 'complaint' ? 'complaint_logged' : 'call_completed';

/**
 * One checked CTR → one touchpoint, id from ContactId (unique per contact in Connect), so
 * a re-sent record has the same id. occurredAt is InitiationTimestamp: when the customer
 * and the centre were first in touch.
 */
export function connectTouchpoint(call: ConnectCall, options: CallMappingOptions): Touchpoint {
  return {
    touchpointId: touchpointId({ system: options.system, sourceId: call.contactId }),
    channel: 'call_center',
    type: callType(call.category),
    occurredAt: call.startedAt,
    receivedAt: options.receivedAt,
    source: {
      system: options.system,
      sourceId: call.contactId,
      adapter: options.adapter,
      adapterVersion: options.adapterVersion,
      rawSha256: options.rawSha256,
    },
    identifiers: call.identifiers,
    traits: {},
    consent: null,
    context: toJsonTextMap({
      initiationMethod: call.initiationMethod,
      callerNumber: call.callerNumber ?? undefined,
      systemNumber: call.systemNumber ?? undefined,
      agentArn: call.agentArn ?? undefined,
      disconnectReason: call.disconnectReason ?? undefined,
      initialContactId: call.initialContactId ?? undefined,
      previousContactId: call.previousContactId ?? undefined,
      attributes: Object.keys(call.otherAttributes).length > 0 ? call.otherAttributes : undefined,
    }),
    payload: wrapPayload('call_center', {
      direction: call.direction,
      queue: call.queue,
      agentId: call.agentId,
      agentName: call.agentName,
      startedAt: call.startedAt,
      endedAt: call.endedAt,
      talkSeconds: call.talkSeconds,
      holdSeconds: call.holdSeconds,
      disposition: call.disposition,
      category: call.category,
      notes: call.notes,
    }),
    locale: null,
  };
}
