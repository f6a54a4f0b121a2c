import {
  EARLIEST_TIMESTAMP,
  MAX_CLOCK_SKEW_MS,
  toJsonTextMap,
  touchpointId,
  wrapPayload,
  type Touchpoint,
} from '@c360/touchpoint';
import type { InboundMessage } from './mime-message';

export interface MimeMappingOptions {
  system: string;
  adapter: string;
  adapterVersion: string;
  /** sha256 (hex) of the raw message. */
  rawSha256: string;
  receivedAt: number;
}

/** The text body is kept up to this many characters (a bus message stays well under Kafka's 1 MB default). */
export const MAX_TEXT_CHARS = 64 * 1024;

/** Cuts at `max` UTF-16 units without splitting a surrogate pair (Avro strings must be valid UTF-8). */
function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const high = text.charCodeAt(max - 1);
  return text.slice(0, high >= 0xd800 && high <= 0xdbff ? max - 1 : max);
}

type DateNote = 'missing' | 'unparseable' | 'in_future' | 'before_2000';

/**
 * When the message was written: the Date header, unless it is missing, unparseable, before
 * 2000 or more than MAX_CLOCK_SKEW_MS (24 h, the touchpoint contract's bound) after
 * receivedAt — a sender's clock we cannot trust. Then receivedAt, with the reason noted.
 */
export function messageTime(dateHeader: string | null, receivedAt: number): { at: number; note: DateNote | null } {
  if (dateHeader === null) return { at: receivedAt, note: 'missing' };
  const at = new Date(dateHeader).getTime();
  if (Number.isNaN(at)) return { at: receivedAt, note: 'unparseable' };
  if (at > receivedAt + MAX_CLOCK_SKEW_MS) return { at: receivedAt, note: 'in_future' };
  if (at < EARLIEST_TIMESTAMP) return { at: receivedAt, note: 'before_2000' };
  return { at, note: null };
}

/**
 * One inbound message → one `email_received` touchpoint, identified by its sender.
 * sourceId = the Message-ID header (globally unique by RFC 5322 §3.6.4, and the same on
 * every re-delivery); without one, `sha256:<hex of the raw message>` — a byte-identical
 * re-delivery gets the same id, but a relay that adds a header on retry makes a new one.
 * payload.messageId is '' then (there is no header to quote). Names, Cc and the
 * attachment summaries go to `context`; attachment contents are never stored.
 */
export function inboundTouchpoint(message: InboundMessage, options: MimeMappingOptions): Touchpoint {
  const sourceId = message.messageId ?? `sha256:${options.rawSha256}`;
  const time = messageTime(message.dateHeader, options.receivedAt);
  const text = message.text;
  return {
    touchpointId: touchpointId({ system: options.system, sourceId }),
    channel: 'email',
    type: 'email_received',
    occurredAt: time.at,
    receivedAt: options.receivedAt,
    source: {
      system: options.system,
      sourceId,
      adapter: options.adapter,
      adapterVersion: options.adapterVersion,
      rawSha256: options.rawSha256,
    },
    identifiers: [{ type: 'email', value: message.from.address }],
    traits: {},
    consent: null,
    context: toJsonTextMap({
      fromName: message.from.name ?? undefined,
      toNames: message.to.some((m) => m.name) ? message.to.map((m) => m.name) : undefined,
      cc: message.cc.length > 0 ? message.cc.map((m) => ({ address: m.address, name: m.name })) : undefined,
      attachments: message.attachments.length > 0 ? message.attachments.map((a) => ({ ...a })) : undefined,
      messageIdSource: message.messageId ? 'header' : 'sha256',
      occurredAtSource: time.note ? 'received_at' : 'date_header',
      dateNote: time.note ?? undefined,
      dateHeader: time.note && message.dateHeader ? message.dateHeader : undefined,
      textLength: text && text.length > MAX_TEXT_CHARS ? text.length : undefined,
    }),
    payload: wrapPayload('email', {
      messageId: message.messageId ?? '',
      provider: null,
      campaignId: null,
      campaignName: null,
      subject: message.subject,
      from: message.from.address,
      to: message.to.map((m) => m.address),
      clickedUrl: null,
      bounceType: null,
      bounceReason: null,
      userAgent: null,
      inReplyTo: message.inReplyTo,
      snippet: text === null ? null : truncate(text, MAX_TEXT_CHARS),
    }),
    locale: null,
  };
}
