import type { Request } from 'express';
import type { AdapterContext, ChannelAdapter, RawInput } from '@c360/channels';
import { AuthenticationError, writeKeyAuth } from '@c360/http';
import { deliver } from '@c360/channels';
import { bodyBytes, rawBody } from '@c360/channels';
import { parseSendgridBody, sortSendgridBody } from './sendgrid-body';
import { SIGNATURE_HEADER, sendgridSignatureVerifier, TIMESTAMP_HEADER } from './sendgrid-signature';

export interface SendgridEventsOptions {
  /** `source.system` of every touchpoint (part of its id); default `sendgrid`. */
  system?: string;
  /** SendGrid's Signed Event Webhook verification key (base64 DER); when set, unsigned or badly signed requests get 401. */
  verificationKey?: string;
}

const NAME = 'sendgrid-events';
const VERSION = '1.0.0';
/** SendGrid batches events; 5 MB is far above a real batch and bounds memory per request. */
export const SENDGRID_MAX_BODY_BYTES = 5 * 1024 * 1024;

/**
 * `POST /v1/email/sendgrid/events` — SendGrid Event Webhook (a JSON array of events),
 * authenticated by the source's write key as HTTP Basic user (SendGrid posts to
 * `https://<write key>:@host/v1/email/sendgrid/events`) and, when configured, by the
 * signature. Answers:
 * - 200 `{ accepted, quarantined }` once every valid event is on the bus and every other
 *   one (bad fields, unknown event type, not an array) is durably quarantined;
 * - 400 `invalid_json` when the body does not parse, with nothing written. SendGrid
 *   always sends well-formed JSON, so an unparseable body was cut or mangled in transit
 *   (or is not from SendGrid). SendGrid retries any non-2xx for up to 24 hours
 *   (Event Webhook troubleshooting guide), which re-delivers the intact body; had we
 *   quarantined the fragment and answered 200, the batch would be lost until someone
 *   rebuilt it by hand. Writing nothing first means the retry cannot double anything;
 * - 401 for a missing/unknown write key or a bad/missing signature, 413 over 5 MB;
 * - 5xx when the bus is unavailable — SendGrid's retry then re-sends; ids are deterministic.
 */
export function sendgridEventsAdapter(options: SendgridEventsOptions = {}): ChannelAdapter {
  const system = options.system ?? 'sendgrid';
  const verifies = options.verificationKey ? sendgridSignatureVerifier(options.verificationKey) : undefined;

  const run = (input: RawInput, body: unknown, context: AdapterContext, lone: boolean) => {
    const sorted = sortSendgridBody(body, input.raw, {
      system,
      adapter: NAME,
      adapterVersion: VERSION,
      receivedAt: context.now().getTime(),
      lone,
    });
    return deliver(context, { adapter: NAME, channel: 'email', source: input.source, sorted });
  };

  const checkSignature = (request: Request, body: Buffer): void => {
    if (!verifies) return;
    const signature = request.get(SIGNATURE_HEADER);
    const timestamp = request.get(TIMESTAMP_HEADER);
    if (!verifies({ signature, timestamp, body })) {
      throw new AuthenticationError('missing or invalid SendGrid event webhook signature');
    }
  };

  return {
    name: NAME,
    version: VERSION,
    channel: 'email',
    mount(router, context) {
      router.post(
        '/v1/email/sendgrid/events',
        writeKeyAuth(context.sourceKeys, ['email']),
        rawBody(SENDGRID_MAX_BODY_BYTES),
        async (request, response) => {
          const raw = bodyBytes(request);
          checkSignature(request, raw);
          let body: unknown;
          try {
            body = parseSendgridBody(raw);
          } catch (error) {
            context.intake.rejected('email');
            throw error;
          }
          const input = { source: response.locals.source!, contentType: 'application/json', raw };
          response.status(200).json(await run(input, body, context, false));
        },
      );
    },
    /** Re-runs a quarantined input: a whole body (array) or one event (object), possibly repaired. */
    reprocess: async (input, context) => run(input, parseSendgridBody(input.raw), context, true),
  };
}
