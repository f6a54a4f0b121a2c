import type { AdapterContext, ChannelAdapter, RawInput } from '@c360/channels';
import { sha256Hex } from '@c360/channels';
import { ValidationError } from '@c360/errors';
import { writeKeyAuth } from '@c360/http';
import { deliver, emptySorted, sortTouchpoint } from '@c360/channels';
import { inboundTouchpoint } from './mime-mapping';
import { parseInboundMessage } from './mime-message';
import { bodyBytes, rawBody } from '@c360/channels';

export interface InboundMimeOptions {
  /** `source.system` of every touchpoint (part of its id); default `inbound-email`. */
  system?: string;
  /** Largest message accepted, in bytes; default 10 MB. Larger → 413, nothing stored. */
  maxBytes?: number;
}

const NAME = 'inbound-mime';
const VERSION = '1.0.0';
const RFC822 = 'message/rfc822';

/**
 * `POST /v1/email/inbound` — one raw message (`Content-Type: message/rfc822`, RFC 5322 /
 * MIME) from an inbound relay, authenticated by the source's write key (HTTP Basic user).
 * Answers:
 * - 202 `{ status: 'accepted', touchpointId }` once the touchpoint is on the bus;
 * - 202 `{ status: 'quarantined', reasons, quarantineIds }` too for a message that cannot
 *   become one (not MIME, no or no usable From). Relays (Postfix pipe/HTTP transports,
 *   SendGrid Inbound Parse, Mailgun routes) take non-2xx as "not delivered" and retry or
 *   bounce to the sender; the message is durably kept in quarantine, so a retry would only
 *   repeat it. 202, not 200: the message is stored, not yet ingested;
 * - 400 `empty_body` (nothing to keep), 415 `unsupported_content_type` (another
 *   Content-Type; the same code and status as every other endpoint), 401 without a valid write key, 413 over
 *   `maxBytes` (from Content-Length, before reading), nothing stored in each case;
 * - 5xx when the bus is unavailable: the relay retries, the ids are deterministic.
 */
export function inboundMimeAdapter(options: InboundMimeOptions = {}): ChannelAdapter {
  const system = options.system ?? 'inbound-email';
  const maxBytes = options.maxBytes ?? 10 * 1024 * 1024;

  const run = async (input: RawInput, context: AdapterContext) => {
    const sorted = emptySorted();
    const parsed = await parseInboundMessage(input.raw);
    if (!parsed.ok) {
      sorted.rejected.push({ reason: parsed.reason, issues: parsed.issues, contentType: RFC822, raw: input.raw });
    } else {
      const touchpoint = inboundTouchpoint(parsed.message, {
        system,
        adapter: NAME,
        adapterVersion: VERSION,
        rawSha256: sha256Hex(input.raw),
        receivedAt: context.now().getTime(),
      });
      sortTouchpoint(sorted, touchpoint, { contentType: RFC822, raw: input.raw });
    }
    const outcome = await deliver(context, { adapter: NAME, channel: 'email', source: input.source, sorted });
    const reasons = sorted.rejected.map((r) => r.reason);
    return { outcome, touchpointId: sorted.touchpoints[0]?.touchpointId, reasons };
  };

  return {
    name: NAME,
    version: VERSION,
    channel: 'email',
    mount(router, context) {
      router.post(
        '/v1/email/inbound',
        writeKeyAuth(context.sourceKeys, ['email']),
        rawBody(maxBytes),
        async (request, response) => {
          const raw = bodyBytes(request);
          if (raw.length === 0) {
            context.intake.rejected('email');
            throw new ValidationError('request body is empty; expected one raw message', { code: 'empty_body' });
          }
          if (!request.is(RFC822)) {
            context.intake.rejected('email');
            throw new ValidationError(`Content-Type must be ${RFC822}`, { code: 'unsupported_content_type' });
          }
          const { outcome, touchpointId, reasons } = await run(
            { source: response.locals.source!, contentType: RFC822, raw },
            context,
          );
          response
            .status(202)
            .json(
              outcome.accepted > 0
                ? { status: 'accepted', touchpointId }
                : { status: 'quarantined', reasons, quarantineIds: outcome.quarantineIds },
            );
        },
      );
    },
    /** Re-parses a quarantined (possibly repaired) raw message. */
    reprocess: async (input, context) => (await run(input, context)).outcome,
  };
}
