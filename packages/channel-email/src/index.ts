/**
 * @c360/channel-email — e-mail channel adapters for the collector: SendGrid's Event
 * Webhook (delivery and engagement events) and inbound raw MIME messages.
 */
export { sendgridEventsAdapter, SENDGRID_MAX_BODY_BYTES, type SendgridEventsOptions } from './sendgrid-events-adapter';
export { inboundMimeAdapter, type InboundMimeOptions } from './inbound-mime-adapter';
export { SENDGRID_EVENT_TYPES, type SendgridEventName } from './sendgrid-event';
export { SIGNATURE_HEADER, TIMESTAMP_HEADER } from './sendgrid-signature';
export { MAX_TEXT_CHARS } from './mime-mapping';
