import { toJsonTextMap, touchpointId, wrapPayload, type JsonValue, type Touchpoint } from '@c360/touchpoint';
import { SENDGRID_EVENT_TYPES, type SendgridEvent } from './sendgrid-event';

export interface SendgridMappingOptions {
  system: string;
  adapter: string;
  adapterVersion: string;
  /** sha256 (hex) of the event's JSON text — what quarantine would keep of it. */
  rawSha256: string;
  receivedAt: number;
}

/**
 * Events that withdraw e-mail marketing consent. group_unsubscribe leaves one ASM group
 * only; it is still recorded as `email_marketing: false` (the group id is kept in
 * `context.asmGroupId`), the cautious reading for a profile that has one e-mail purpose.
 */
const CONSENT_WITHDRAWN = new Set(['unsubscribe', 'group_unsubscribe', 'spamreport']);

/**
 * SendGrid's own fields (Event Webhook reference). Those the mapping does not read (tls,
 * pool, url_offset, template and A/B-test ids, …) are left out; every other top-level key is
 * a custom arg (unique argument) and is kept in `context.customArgs`.
 */
const SENDGRID_FIELDS = new Set(
  (
    'email timestamp event sg_event_id sg_message_id smtp-id category url ' +
    'url_offset reason status type response attempt useragent ip ' +
    'tls cert_err pool bounce_classification asm_group_id sg_machine_open sg_content_type sg_template_id ' +
    'sg_template_name template_id send_at marketing_campaign_id marketing_campaign_name marketing_campaign_version marketing_campaign_split_id singlesend_id ' +
    'singlesend_name phase_id mc_stats post_type newsletter'
  ).split(' '),
);

const str = (v: unknown): string | null =>
  typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null;

/**
 * One checked SendGrid event → one touchpoint. Id from `sg_event_id` (SendGrid: unique
 * per event, the recommended de-duplication key), so a retried webhook yields the same ids.
 * Payload: messageId = `sg_message_id` (else `smtp-id`, else ''); campaign = Marketing
 * Campaigns / Single Send id and name, else the categories joined by ', ' as the name;
 * clickedUrl for clicks; bounceType (`bounce` | `blocked`) and bounceReason for bounces,
 * bounceReason for dropped. Delivery details and custom args go to `context`.
 */
export function sendgridTouchpoint(e: SendgridEvent, options: SendgridMappingOptions): Touchpoint {
  const f = e.fields;
  const email = e.email.trim().toLowerCase();
  const categories =
    typeof f.category === 'string' ? [f.category] : Array.isArray(f.category) ? (f.category as string[]) : [];
  const customArgs = Object.fromEntries(Object.entries(f).filter(([key]) => !SENDGRID_FIELDS.has(key))) as Record<
    string,
    JsonValue
  >;
  const isBounce = e.event === 'bounce';

  return {
    touchpointId: touchpointId({ system: options.system, sourceId: e.sg_event_id }),
    channel: 'email',
    type: SENDGRID_EVENT_TYPES[e.event],
    occurredAt: Math.round(e.timestamp * 1000),
    receivedAt: options.receivedAt,
    source: {
      system: options.system,
      sourceId: e.sg_event_id,
      adapter: options.adapter,
      adapterVersion: options.adapterVersion,
      rawSha256: options.rawSha256,
    },
    identifiers: [{ type: 'email', value: email }],
    traits: {},
    consent: CONSENT_WITHDRAWN.has(e.event) ? { email_marketing: false } : null,
    context: toJsonTextMap({
      ip: str(f.ip) ?? undefined,
      smtpId: str(f['smtp-id']) ?? undefined,
      categories: categories.length > 0 ? categories : undefined,
      asmGroupId: typeof f.asm_group_id === 'number' ? f.asm_group_id : undefined,
      machineOpen: typeof f.sg_machine_open === 'boolean' ? f.sg_machine_open : undefined,
      smtpStatus: str(f.status) ?? undefined,
      bounceClassification: str(f.bounce_classification) ?? undefined,
      response: str(f.response) ?? undefined,
      attempt: str(f.attempt) ?? undefined,
      customArgs: Object.keys(customArgs).length > 0 ? customArgs : undefined,
    }),
    payload: wrapPayload('email', {
      messageId: str(f.sg_message_id) ?? str(f['smtp-id']) ?? '',
      provider: 'sendgrid',
      campaignId: str(f.marketing_campaign_id) ?? str(f.singlesend_id),
      campaignName: str(f.marketing_campaign_name) ?? str(f.singlesend_name) ?? (categories.join(', ') || null),
      subject: null,
      from: null,
      to: [email],
      clickedUrl: e.event === 'click' ? str(f.url) : null,
      bounceType: isBounce ? str(f.type) : null,
      bounceReason: isBounce || e.event === 'dropped' ? str(f.reason) : null,
      userAgent: str(f.useragent),
      inReplyTo: null,
      snippet: null,
    }),
    locale: null,
  };
}
