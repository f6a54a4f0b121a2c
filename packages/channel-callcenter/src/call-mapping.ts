import {
  toJsonTextMap,
  touchpointId,
  wrapPayload,
  type CallCenterPayload,
  type CallCategory,
  type Identifier,
  type JsonValue,
  type Touchpoint,
} from '@c360/touchpoint';

export interface CallMappingOptions {
  system: string;
  adapter: string;
  adapterVersion: string;
  /** sha256 (hex) of the record's bytes as received (or its JSON text when it came in an array). */
  rawSha256: string;
  receivedAt: number;
}

/** One call, checked, from any call-center format: what every format's touchpoint is made of. */
export interface CallFacts {
  /** The source's own id of the call: what makes a re-sent record the same touchpoint. */
  sourceId: string;
  identifiers: Identifier[];
  payload: CallCenterPayload;
  /** What the format knows beyond the payload (caller number, endpoints…); undefined values are left out. */
  context: Record<string, JsonValue | undefined>;
}

/**
 * A complaint call marks an open complaint (`complaint_logged`); every other call is
 * `call_completed`. A later call whose disposition reads resolved/closed/fixed/solved
 * closes it — that is the traits package's rule, so the disposition is carried as given.
 */
export const callType = (category: CallCategory | string): string =>
  category === 'complaint' ? 'complaint_logged' : 'call_completed';

/** One call → one touchpoint, occurring when the call started; the id from the source's call id. */
export function callTouchpoint(call: CallFacts, options: CallMappingOptions): Touchpoint {
  return {
    touchpointId: touchpointId({ system: options.system, sourceId: call.sourceId }),
    channel: 'call_center',
    type: callType(call.payload.category),
    occurredAt: call.payload.startedAt,
    receivedAt: options.receivedAt,
    source: {
      system: options.system,
      sourceId: call.sourceId,
      adapter: options.adapter,
      adapterVersion: options.adapterVersion,
      rawSha256: options.rawSha256,
    },
    identifiers: call.identifiers,
    traits: {},
    consent: null,
    context: toJsonTextMap(call.context),
    payload: wrapPayload('call_center', call.payload),
    locale: null,
  };
}
