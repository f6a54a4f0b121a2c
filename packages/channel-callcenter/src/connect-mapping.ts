import type { Touchpoint } from '@c360/touchpoint';
import { callTouchpoint, type CallMappingOptions } from './call-mapping';
import type { ConnectCall } from './connect-record';

/**
 * One checked CTR → one touchpoint, id from ContactId (unique per contact in Connect), so
 * a re-sent record has the same id. occurredAt is InitiationTimestamp: when the customer
 * and the centre were first in touch.
 */
export function connectTouchpoint(call: ConnectCall, options: CallMappingOptions): Touchpoint {
  return callTouchpoint(
    {
      sourceId: call.contactId,
      identifiers: call.identifiers,
      context: {
        initiationMethod: call.initiationMethod,
        callerNumber: call.callerNumber ?? undefined,
        systemNumber: call.systemNumber ?? undefined,
        agentArn: call.agentArn ?? undefined,
        disconnectReason: call.disconnectReason ?? undefined,
        initialContactId: call.initialContactId ?? undefined,
        previousContactId: call.previousContactId ?? undefined,
        attributes: Object.keys(call.otherAttributes).length > 0 ? call.otherAttributes : undefined,
      },
      payload: {
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
      },
    },
    options,
  );
}
