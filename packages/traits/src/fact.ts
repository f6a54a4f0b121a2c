import {
  fromJsonTextMap,
  unwrapPayload,
  type Channel,
  type JsonTextMap,
  type TouchpointPayload,
  type UnwrappedPayload,
} from '@c360/touchpoint';

/**
 * What the computed traits know of one touchpoint. Plain JSON (the projector stores it
 * in the contact history and reads it back), so: no Date, no undefined-bearing keys
 * that matter, payload already unwrapped, JSON-text maps already parsed.
 */
export interface ContactFact {
  touchpointId: string;
  channel: Channel;
  /** Touchpoint type: receipt_issued, item_returned, order_placed, order_refunded, complaint_logged, … */
  type: string;
  /** Epoch milliseconds. */
  occurredAt: number;
  /** The channel payload, or null when the touchpoint had none (or it is not the touchpoint's channel). */
  payload: UnwrappedPayload | null;
  /** The person's traits, parsed from the JSON-text map. */
  traits: Record<string, unknown>;
  /** A web payload's `properties`, parsed (revenue, total, currency, order_id, score …); absent elsewhere. */
  properties?: Record<string, unknown>;
  /** The touchpoint's `context`, parsed; absent when it had none. */
  context?: Record<string, unknown>;
  /** Purpose → granted, as the touchpoint carried it. */
  consent: Record<string, boolean> | null;
}

/** A touchpoint as a TouchpointRecorded event stores it (its `touchpointType` is `type` here). */
export interface RecordedTouchpoint {
  touchpointId: string;
  channel: Channel;
  type: string;
  occurredAt: number;
  /** The wrapped payload union as stored (`TouchpointPayload | null`); anything else reads as no payload. */
  payload: unknown;
  traits: JsonTextMap;
  context?: JsonTextMap | null;
  consent: Record<string, boolean> | null;
}

/**
 * The contact fact of a recorded touchpoint: the one place where payloads are
 * unwrapped and JSON-text maps parsed for the traits. Never throws on stored data: a
 * map value that is not JSON text (validateTouchpoint rejects those at intake, so only
 * old or damaged events carry one) is kept as its raw string rather than stopping a
 * projection.
 */
export function factFromTouchpoint(t: RecordedTouchpoint): ContactFact {
  const payload = payloadOf(t);
  const fact: ContactFact = {
    touchpointId: t.touchpointId,
    channel: t.channel,
    type: t.type,
    occurredAt: t.occurredAt,
    payload,
    traits: readJsonTextMap(t.traits),
    consent: t.consent ?? null,
  };
  if (payload?.channel === 'web') fact.properties = readJsonTextMap(payload.payload.properties);
  if (t.context) fact.context = readJsonTextMap(t.context);
  return fact;
}

function payloadOf(t: RecordedTouchpoint): UnwrappedPayload | null {
  if (typeof t.payload !== 'object' || t.payload === null || Array.isArray(t.payload)) return null;
  const unwrapped = unwrapPayload(t.payload as TouchpointPayload);
  return unwrapped?.channel === t.channel ? unwrapped : null;
}

/** fromJsonTextMap, falling back key by key to the raw string for a value that is not JSON text. */
function readJsonTextMap(map: unknown): Record<string, unknown> {
  if (typeof map !== 'object' || map === null || Array.isArray(map)) return {};
  const texts = map as Record<string, unknown>;
  try {
    return fromJsonTextMap(texts as JsonTextMap);
  } catch {
    const values: Record<string, unknown> = {};
    for (const [key, text] of Object.entries(texts)) {
      try {
        values[key] = typeof text === 'string' ? JSON.parse(text) : text;
      } catch {
        values[key] = text;
      }
    }
    return values;
  }
}
