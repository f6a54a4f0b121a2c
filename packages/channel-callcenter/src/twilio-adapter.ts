import type { Request } from 'express';
import { sha256Hex, type AdapterContext, type ChannelAdapter, type RawInput } from '@c360/channels';
import { AuthenticationError, writeKeyAuth } from '@c360/http';
import { deliver, emptySorted, sortTouchpoint, type Sorted } from '@c360/channels';
import { callPolicy } from './phone';
import { bodyBytes, rawBody } from '@c360/channels';
import { checkTwilioCallback } from './twilio-callback';
import { twilioTouchpoint } from './twilio-mapping';
import { TWILIO_SIGNATURE_HEADER, verifyTwilioSignature } from './twilio-signature';

export interface TwilioVoiceOptions {
  /** `source.system` of every touchpoint (part of its id); default `twilio`. */
  system?: string;
  /** The account's auth token; when set, requests without a valid `X-Twilio-Signature` get 401. */
  authToken?: string;
  /**
   * The public origin Twilio calls (e.g. `https://collector.example.com`), when a proxy
   * stands between: the signed URL is this + the request path and query. Without it the
   * URL is rebuilt from the request (protocol, Host header, path), which is right only
   * when the collector is reached directly or the proxy is trusted (`trust proxy`).
   */
  publicUrl?: string;
  /** Region for numbers without + or 00; default the identity policy's. */
  defaultRegion?: string;
}

const NAME = 'twilio-voice-status';
const VERSION = '1.0.0';
const FORM = 'application/x-www-form-urlencoded';
/** A status callback is well under 4 KB; 64 KB bounds memory per request. */
export const TWILIO_MAX_BODY_BYTES = 64 * 1024;
/** Empty TwiML: Twilio ignores a status callback's body, but any 2xx is success to it. */
export const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

/**
 * `POST /v1/callcenter/twilio/status` — Twilio Voice status callbacks (form-encoded),
 * authenticated by a `call_center` source's write key as HTTP Basic user (Twilio calls
 * `https://<write key>:@host/v1/callcenter/twilio/status`; the credentials are not part of
 * the signed URL) and, when `authToken` is set, by Twilio's signature.
 * An asynchronous webhook, so it always answers 200 with empty TwiML once the input is
 * durable, whatever it was:
 * - a terminal status (completed, busy, no-answer, failed, canceled) → one touchpoint;
 * - a progress status (queued, initiated, ringing, in-progress) → nothing: the call's
 *   terminal callback describes the whole call, and one touchpoint per call is what the
 *   profile wants; progress callbacks are only sent when subscribed anyway;
 * - a verified callback that cannot be mapped → quarantined with the reason, so it can be
 *   repaired and re-submitted (`reprocess`); answering 4xx would only make Twilio log errors.
 * 401 for a missing/unknown write key or a bad/missing signature (nothing written); 413
 * over 64 KB; 5xx when the bus is down (Twilio retries per its callback retry settings).
 */
export function twilioVoiceAdapter(options: TwilioVoiceOptions = {}): ChannelAdapter {
  const system = options.system ?? 'twilio';
  const policy = callPolicy(options.defaultRegion);
  const publicUrl = options.publicUrl?.replace(/\/+$/, '');

  const run = (input: RawInput, context: AdapterContext) => {
    const sorted: Sorted = emptySorted();
    const checked = checkTwilioCallback(formPairs(input.raw), policy);
    const raw = { contentType: FORM, raw: input.raw };
    if (checked.kind === 'invalid') sorted.rejected.push({ reason: checked.reason, issues: checked.issues, ...raw });
    if (checked.kind === 'call') {
      const options_ = { system, adapter: NAME, adapterVersion: VERSION, rawSha256: sha256Hex(input.raw) };
      sortTouchpoint(sorted, twilioTouchpoint(checked.call, { ...options_, receivedAt: context.now().getTime() }), raw);
    }
    return deliver(context, { adapter: NAME, channel: 'call_center', source: input.source, sorted });
  };

  const checkSignature = (request: Request, raw: Buffer): void => {
    if (!options.authToken) return;
    const url = `${publicUrl ?? `${request.protocol}://${request.get('host') ?? ''}`}${request.originalUrl}`;
    const signature = request.get(TWILIO_SIGNATURE_HEADER);
    if (!verifyTwilioSignature({ authToken: options.authToken, url, params: formPairs(raw), signature })) {
      throw new AuthenticationError('missing or invalid X-Twilio-Signature');
    }
  };

  return {
    name: NAME,
    version: VERSION,
    channel: 'call_center',
    mount(router, context) {
      router.post(
        '/v1/callcenter/twilio/status',
        writeKeyAuth(context.sourceKeys, ['call_center']),
        rawBody(TWILIO_MAX_BODY_BYTES),
        async (request, response) => {
          const raw = bodyBytes(request);
          checkSignature(request, raw);
          await run({ source: response.locals.source!, contentType: FORM, raw }, context);
          response.status(200).type('text/xml').send(EMPTY_TWIML);
        },
      );
    },
    /** Re-runs a quarantined callback, possibly repaired; its signature was checked when it arrived. */
    reprocess: async (input, context) => run(input, context),
  };
}

/** Form parameters in order, decoded as UTF-8 (`+` is a space), as Twilio signs them. */
const formPairs = (raw: Buffer): [string, string][] => [...new URLSearchParams(raw.toString('utf8'))];
