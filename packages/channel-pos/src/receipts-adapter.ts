import { ValidationError, type ValidationIssue } from '@c360/errors';
import { identityPolicy } from '@c360/identity';
import type { ChannelAdapter } from '@c360/channels';
import { sha256Hex } from '@c360/channels';
import { writeKeyAuth } from '@c360/http';
import type { Touchpoint } from '@c360/touchpoint';
import { isObject } from './fields';
import { cardNumberIssues, cardNumberRefused } from './card-number';
import { saleTouchpoint } from './pos-sale';
import { bodyBytes, parseJsonBody, rawBody } from '@c360/channels';
import { checkReceipt, type ReceiptCheckOptions } from './receipt';

export interface PosReceiptsOptions {
  /** `source.system` of every touchpoint (part of its id); default `pos`. */
  system?: string;
  /** Key of the HMAC-SHA256 kept instead of a payment token (>= 32 bytes); without it payment tokens are refused. */
  paymentTokenKey?: Buffer;
  /** Region assumed for phone numbers written without + or 00 (ISO 3166), e.g. `CH`. */
  defaultRegion?: string;
}

/** What checking a receipt needs, from the adapter's options — the same for every receipt format. */
export function receiptCheckOptions(options: PosReceiptsOptions): ReceiptCheckOptions {
  if (options.paymentTokenKey && options.paymentTokenKey.length < 32) {
    throw new Error('paymentTokenKey must be at least 32 bytes');
  }
  return {
    system: options.system ?? 'pos',
    policy: identityPolicy(options.defaultRegion ? { defaultRegion: options.defaultRegion } : {}),
    paymentTokenKey: options.paymentTokenKey,
  };
}

const NAME = 'pos-receipts';
const VERSION = '1.0.0';
export const MAX_RECEIPTS = 500;
export const RECEIPTS_MAX_BODY_BYTES = 5 * 1024 * 1024;

/**
 * `POST /v1/pos/receipts` — generic JSON receipts from tills: one receipt object or
 * `{ receipts: [...] }` (at most 500), authenticated by a `pos` source's write key
 * (HTTP Basic user). Synchronous and all or nothing:
 * - 200 `{ accepted, touchpointIds }` once every receipt is on the bus;
 * - 400 `card_number_refused` when any string looks like a card number (path named,
 *   the number never echoed, nothing kept); 400 `validation_failed` naming each bad
 *   path (`receipts[2].lines[0].unitPrice`), nothing published; 400 `invalid_json`;
 * - 401 / 403 for a missing, unknown or non-`pos` write key; 413 over 5 MB.
 * Touchpoint ids derive from `storeId/registerId/receiptNumber`: a re-sent receipt is
 * the same touchpoint.
 */
export function posReceiptsAdapter(options: PosReceiptsOptions = {}): ChannelAdapter {
  const checkOptions = receiptCheckOptions(options);

  const touchpointsOf = (body: unknown, receivedAt: number): Touchpoint[] => {
    if (!isObject(body)) throw ValidationError.forPath('(body)', 'must be a receipt object or { receipts: [...] }');
    const batch = body.receipts !== undefined;
    const items = batch ? body.receipts : [body];
    if (!Array.isArray(items) || items.length === 0) {
      throw ValidationError.forPath('receipts', 'must be a non-empty array of receipts');
    }
    if (items.length > MAX_RECEIPTS) throw ValidationError.forPath('receipts', `must hold at most ${MAX_RECEIPTS}`);
    const issues: ValidationIssue[] = [];
    const touchpoints = items.flatMap((item, index) => {
      const checked = checkReceipt(item, batch ? `receipts[${index}]` : '', checkOptions);
      if (!checked.ok) {
        issues.push(...checked.issues);
        return [];
      }
      const rawSha256 = sha256Hex(JSON.stringify(item));
      return [saleTouchpoint(checked.sale, { adapter: NAME, adapterVersion: VERSION, receivedAt, rawSha256 })];
    });
    if (issues.length > 0) {
      throw new ValidationError(`invalid receipt: ${issues[0]!.path}: ${issues[0]!.message}`, { issues });
    }
    return touchpoints;
  };

  return {
    name: NAME,
    version: VERSION,
    channel: 'pos',
    mount(router, context) {
      router.post(
        '/v1/pos/receipts',
        writeKeyAuth(context.sourceKeys, ['pos']),
        rawBody(RECEIPTS_MAX_BODY_BYTES),
        async (request, response) => {
          let touchpoints: Touchpoint[];
          try {
            const body = parseJsonBody(bodyBytes(request), 'a receipt object or { receipts: [...] }');
            const cards = cardNumberIssues(body);
            if (cards.length > 0) throw cardNumberRefused(cards);
            touchpoints = touchpointsOf(body, context.now().getTime());
          } catch (error) {
            context.intake.rejected('pos');
            throw error;
          }
          await context.intake.accept(touchpoints);
          response
            .status(200)
            .json({ accepted: touchpoints.length, touchpointIds: touchpoints.map((t) => t.touchpointId) });
        },
      );
    },
  };
}
