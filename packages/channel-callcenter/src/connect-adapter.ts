import { sha256Hex, type ChannelAdapter } from '@c360/channels';
import { ValidationError, type ValidationIssue } from '@c360/errors';
import { writeKeyAuth } from '@c360/http';
import type { Touchpoint } from '@c360/touchpoint';
import { checkConnectRecord } from './connect-record';
import { connectTouchpoint } from './connect-mapping';
import { callPolicy } from './phone';
import { bodyBytes, parseJsonBody, rawBody } from '@c360/channels';

export interface AmazonConnectOptions {
  /** `source.system` of every touchpoint (part of its id); default `amazon-connect`. */
  system?: string;
  /** Region for caller numbers without + or 00 (Connect writes E.164, so rarely needed); default the identity policy's. */
  defaultRegion?: string;
}

const NAME = 'amazon-connect-ctr';
const VERSION = '1.0.0';
/** Records per request; a CTR is a few KB, so 1,000 fit well under the 5 MB body limit. */
export const CONNECT_MAX_RECORDS = 1000;
export const CONNECT_MAX_BODY_BYTES = 5 * 1024 * 1024;

/**
 * `POST /v1/callcenter/connect/ctr` — Amazon Connect contact trace records as JSON: one
 * CTR object or an array of them (as a Lambda reading the CTR Kinesis stream forwards
 * them), authenticated by a `call_center` source's write key (HTTP Basic user).
 * A synchronous API, all or nothing: 200 `{ accepted, touchpointIds }` once every record
 * is on the bus; 400 naming each bad index and field path (`[2].InitiationTimestamp`)
 * with nothing published; 401 for a missing/unknown key; 413 over 5 MB; 5xx when the bus
 * is down — re-sending is safe, ids come from ContactId.
 */
export function amazonConnectAdapter(options: AmazonConnectOptions = {}): ChannelAdapter {
  const system = options.system ?? 'amazon-connect';
  const policy = callPolicy(options.defaultRegion);
  return {
    name: NAME,
    version: VERSION,
    channel: 'call_center',
    mount(router, context) {
      router.post(
        '/v1/callcenter/connect/ctr',
        writeKeyAuth(context.sourceKeys, ['call_center']),
        rawBody(CONNECT_MAX_BODY_BYTES),
        async (request, response) => {
          const raw = bodyBytes(request);
          let touchpoints: Touchpoint[];
          try {
            const body = parseJsonBody(raw, 'a CTR object or an array of CTRs');
            touchpoints = toTouchpoints(body, raw, context.now());
            // The touchpoint contract still checks what the CTR rules cannot (e.g. a start > 24 h ahead).
            const prefix = (index: number) => (Array.isArray(body) ? `[${index}]` : '(touchpoint)');
            await context.intake.accept(touchpoints, { pathPrefix: prefix });
          } catch (error) {
            if (error instanceof ValidationError) context.intake.rejected('call_center');
            throw error;
          }
          response
            .status(200)
            .json({ accepted: touchpoints.length, touchpointIds: touchpoints.map((t) => t.touchpointId) });
        },
      );
    },
  };

  function toTouchpoints(body: unknown, raw: Buffer, now: Date): Touchpoint[] {
    const lone = !Array.isArray(body);
    const items: unknown[] = lone ? [body] : body;
    if (items.length === 0) throw ValidationError.forPath('(body)', 'must hold at least one CTR');
    if (items.length > CONNECT_MAX_RECORDS) {
      throw ValidationError.forPath('(body)', `must hold at most ${CONNECT_MAX_RECORDS} CTRs`);
    }
    const issues: ValidationIssue[] = [];
    const touchpoints: Touchpoint[] = [];
    items.forEach((item, index) => {
      const checked = checkConnectRecord(item, lone ? '' : `[${index}]`, policy);
      if (!checked.ok) return void issues.push(...checked.issues);
      const rawSha256 = sha256Hex(lone ? raw : JSON.stringify(item));
      touchpoints.push(
        connectTouchpoint(checked.call, {
          system,
          adapter: NAME,
          adapterVersion: VERSION,
          rawSha256,
          receivedAt: now.getTime(),
        }),
      );
    });
    if (issues.length > 0) {
      throw new ValidationError(`invalid CTR: ${issues[0]!.path}: ${issues[0]!.message}`, { issues });
    }
    return touchpoints;
  }
}
