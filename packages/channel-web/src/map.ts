import { sha256Hex } from '@c360/channels';
import { toJsonTextMap, touchpointId, wrapPayload, type Touchpoint, type WebPayload } from '@c360/touchpoint';
import { deviceTypeOf } from './device-type';
import { CALL_TOUCHPOINT_TYPES, trackEventType } from './events';
import type { JsonObject } from './fields';
import { identifiersOf } from './identifiers';
import { sourceIdOf } from './message-id';
import type { SegmentCall } from './validate';

export interface MapOptions {
  /** `source.system`: part of every touchpoint id. */
  system: string;
  adapter: string;
  adapterVersion: string;
  /** Our clock on arrival (epoch ms). */
  receivedAt: number;
  /** The request's client address — used only where Segment would (see `ipOf`). */
  requestIp: string | null;
}

/**
 * A checked Segment call → one web Touchpoint.
 * - id: touchpointId(system, messageId) (message-id.ts); type: events.ts;
 * - traits: the person's — `context.traits` overlaid by identify's `traits`. A group call's
 *   `traits` describe the group (Spec: Group → "traits … about the group"), not the person:
 *   they go to the payload's properties with `groupId`, so a company name never becomes
 *   the customer's name;
 * - payload.event: a track call's event name, else the call type (`page`, `identify`, …);
 *   page/screen `name` and `category` join the properties (where they are reserved anyway);
 * - page fields: a page call's properties (analytics.js copies url/path/referrer/title
 *   there), falling back to `context.page`; every other call: `context.page`;
 * - library: `name/version`; context: the context fields without a touchpoint field of their own;
 * - `source.rawSha256`: SHA-256 of the call's JSON text as parsed (JSON.stringify): a batch
 *   item's own bytes are not kept apart by the JSON parser.
 */
export function toTouchpoint(call: SegmentCall, options: MapOptions): Touchpoint {
  const sourceId = sourceIdOf(call);
  const personTraits = call.type === 'identify' ? { ...call.context.traits, ...call.traits } : call.context.traits;
  const page = call.pageProperties;
  const payload: WebPayload = {
    event: call.type === 'track' ? call.event! : call.type,
    properties: toJsonTextMap(propertiesOf(call)),
    url: page?.url ?? call.context.page.url,
    path: page?.path ?? call.context.page.path,
    referrer: page?.referrer ?? call.context.page.referrer,
    title: page?.title ?? call.context.page.title,
    campaign: call.context.campaign,
    ip: ipOf(call, options.requestIp),
    userAgent: call.context.userAgent,
    library: libraryOf(call),
    deviceType: deviceTypeOf(call.context.userAgent, call.context.deviceType),
  };
  return {
    touchpointId: touchpointId({ system: options.system, sourceId }),
    channel: 'web',
    type: call.type === 'track' ? trackEventType(call.event!) : CALL_TOUCHPOINT_TYPES[call.type],
    occurredAt: call.occurredAt,
    receivedAt: options.receivedAt,
    source: {
      system: options.system,
      sourceId,
      adapter: options.adapter,
      adapterVersion: options.adapterVersion,
      rawSha256: sha256Hex(call.rawText),
    },
    identifiers: identifiersOf(call, personTraits),
    traits: toJsonTextMap(personTraits),
    consent: call.context.consent,
    context: toJsonTextMap(call.context.rest),
    payload: wrapPayload('web', payload),
    locale: call.context.locale,
  };
}

function propertiesOf(call: SegmentCall): JsonObject {
  switch (call.type) {
    case 'track':
      return call.properties;
    case 'page':
    case 'screen': {
      const named: JsonObject = {};
      if (call.name !== null) named.name = call.name;
      if (call.category !== null) named.category = call.category;
      return { ...named, ...call.properties };
    }
    case 'group':
      return { ...call.traits, groupId: call.groupId };
    case 'alias':
      return { previousId: call.previousId };
    case 'identify':
      return {};
    default: {
      const unknown: never = call.type;
      throw new Error(`unhandled Segment call type ${String(unknown)}`);
    }
  }
}

/**
 * `context.ip` when sent. Otherwise the request's address, only where it is the person's:
 * Segment fills it in "for client side events only" (Spec: Common Fields, footnote on `ip`)
 * — analytics.js calls — or when the sender sets `context.direct: true` (HTTP API →
 * Collecting IP Address). A server library's address is never a customer's.
 */
function ipOf(call: SegmentCall, requestIp: string | null): string | null {
  if (call.context.ip !== null) return call.context.ip;
  const clientSide = call.context.direct || call.context.library.name === 'analytics.js';
  return clientSide ? requestIp : null;
}

function libraryOf(call: SegmentCall): string | null {
  const { name, version } = call.context.library;
  if (name === null) return null;
  return version === null ? name : `${name}/${version}`;
}
