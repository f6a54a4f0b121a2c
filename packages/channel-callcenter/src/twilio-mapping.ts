import type { Touchpoint } from '@c360/touchpoint';
import { callTouchpoint, type CallMappingOptions } from './call-mapping';
import type { TwilioCall } from './twilio-callback';

/**
 * One terminal status callback → one `call_completed` touchpoint, id from CallSid (a call
 * has exactly one terminal status, so a retried callback has the same id). Twilio's
 * Timestamp of a terminal callback is when the call ended; the start is that minus
 * CallDuration. A status other than `completed` is the disposition (`busy`, `no-answer`…);
 * Twilio knows no call classes, so the category is `information`, and no queue or agent.
 */
export function twilioTouchpoint(call: TwilioCall, options: CallMappingOptions): Touchpoint {
  const startedAt = call.endedAt - call.durationSeconds * 1000;
  const p = call.params;
  return callTouchpoint(
    {
      sourceId: call.callSid,
      identifiers: call.identifiers,
      context: {
        twilioDirection: call.twilioDirection,
        callStatus: call.status,
        callerNumber: call.callerNumber,
        from: call.from,
        to: call.to,
        accountSid: p.AccountSid,
        parentCallSid: p.ParentCallSid,
        callerName: p.CallerName,
        forwardedFrom: p.ForwardedFrom,
        sipResponseCode: p.SipResponseCode,
        sequenceNumber: p.SequenceNumber,
      },
      payload: {
        direction: call.direction,
        queue: null,
        agentId: null,
        agentName: null,
        startedAt,
        endedAt: call.endedAt,
        talkSeconds: call.durationSeconds,
        holdSeconds: 0,
        disposition: call.status === 'completed' ? null : call.status,
        category: 'information',
        notes: null,
      },
    },
    options,
  );
}
