import type { AdapterContext, ChannelAdapter, RawInput, ReprocessOutcome } from '@c360/channels';
import { sha256Hex } from '@c360/channels';
import { ValidationError, type ValidationIssue } from '@c360/errors';
import { identityPolicy } from '@c360/identity';
import { AuthenticationError } from '@c360/http';
import { touchpointIssues } from '@c360/touchpoint';
import { CARD_NUMBER_REFUSED, cardNumberIssues, redactedRaw } from './card-number';
import { saleTouchpoint } from './pos-sale';
import { bodyBytes, parseJsonBody, rawBody } from '@c360/channels';
import { checkShopifyOrder } from './shopify-order';
import { checkShopifyRefund } from './shopify-refund';
import { SHOPIFY_HMAC_HEADER, shopifyVerifier } from './shopify-signature';
import { SHOPIFY_SHOP_HEADER, shopDomainOf, shopSources } from './shopify-source';
import { deliveryContentType, deliveryOf, type ShopifyDelivery, type ShopifyTopic } from './shopify-webhook';

export interface ShopifyOptions {
  /** The app's client secret: Shopify signs every webhook body with it. */
  webhookSecret: string;
  /** `source.system` of every touchpoint (part of its id); default `shopify`. */
  system?: string;
  /** Region assumed for phone numbers written without + or 00 (ISO 3166). */
  defaultRegion?: string;
}

const NAME = 'shopify-webhooks';
const VERSION = '1.0.0';
/** Shopify's webhook payloads are far smaller; 2 MB bounds memory per request. */
export const SHOPIFY_MAX_BODY_BYTES = 2 * 1024 * 1024;

const ROUTES: Record<string, ShopifyTopic> = {
  '/v1/pos/shopify/orders-create': 'orders/create',
  '/v1/pos/shopify/refunds-create': 'refunds/create',
};

/**
 * Shopify webhooks `orders/create` and `refunds/create`, at
 * `POST /v1/pos/shopify/orders-create` and `/v1/pos/shopify/refunds-create`, authenticated
 * by `X-Shopify-Hmac-Sha256` over the raw body alone (Shopify sends no credentials) and
 * attributed to the source bound to the shop in `X-Shopify-Shop-Domain` (shopify-source.ts).
 * Answers:
 * - 401 for a missing or bad HMAC, 400 `invalid_shop_domain` for a signed delivery without
 *   a `<handle>.myshopify.com` shop, 403 when the shop's source was revoked — nothing written;
 * - 200 `{ accepted, quarantined }` once the touchpoint is on the bus or the payload is
 *   durably quarantined with its reason (`invalid_order`, `invalid_refund`,
 *   `card_number_refused` — kept redacted); Shopify retries non-2xx, which would not help
 *   a payload we cannot read. A quarantined payload is repaired and re-submitted through
 *   the admin quarantine route (`reprocess`);
 * - 400 `invalid_json` for a body that does not parse, nothing written (cut in transit:
 *   Shopify's retry re-sends it whole).
 */
export function shopifyAdapter(options: ShopifyOptions): ChannelAdapter {
  const verifies = shopifyVerifier(options.webhookSecret);
  const system = options.system ?? 'shopify';
  const policy = identityPolicy(options.defaultRegion ? { defaultRegion: options.defaultRegion } : {});

  const run = async (input: RawInput, context: AdapterContext): Promise<ReprocessOutcome> => {
    const delivery = deliveryOf(input.contentType);
    if (!delivery) {
      throw ValidationError.forPath('contentType', 'must name the Shopify topic (shopify-topic=orders/create)');
    }
    const body = parseJsonBody(input.raw, `a Shopify ${delivery.topic} payload`);
    const quarantine = async (reason: string, issues: ValidationIssue[], raw: Buffer) => {
      await context.intake.quarantine({
        adapter: NAME,
        channel: 'pos',
        source: input.source,
        reason,
        issues,
        contentType: input.contentType,
        raw,
      });
      return { accepted: 0, quarantined: 1 };
    };
    const cards = cardNumberIssues(body);
    if (cards.length > 0) return quarantine(CARD_NUMBER_REFUSED, cards, redactedRaw(input.raw));

    const check = delivery.topic === 'orders/create' ? checkShopifyOrder : checkShopifyRefund;
    const checked = check(body, { system, policy, delivery });
    const reason = delivery.topic === 'orders/create' ? 'invalid_order' : 'invalid_refund';
    if (!checked.ok) return quarantine(reason, checked.issues, input.raw);
    const touchpoint = saleTouchpoint(checked.sale, {
      adapter: NAME,
      adapterVersion: VERSION,
      receivedAt: context.now().getTime(),
      rawSha256: sha256Hex(input.raw),
    });
    const issues = touchpointIssues(touchpoint);
    if (issues.length > 0) return quarantine('invalid_touchpoint', issues, input.raw);
    await context.intake.accept([touchpoint]);
    return { accepted: 1, quarantined: 0 };
  };

  return {
    name: NAME,
    version: VERSION,
    channel: 'pos',
    mount(router, context) {
      const sourceOf = shopSources(context.sourceKeys, options.webhookSecret);
      for (const [path, topic] of Object.entries(ROUTES)) {
        router.post(path, rawBody(SHOPIFY_MAX_BODY_BYTES), async (request, response) => {
          const raw = bodyBytes(request);
          if (!verifies(request.get(SHOPIFY_HMAC_HEADER), raw)) {
            throw new AuthenticationError('missing or invalid X-Shopify-Hmac-Sha256');
          }
          const shop = shopDomainOf(request.get(SHOPIFY_SHOP_HEADER));
          const source = await sourceOf(shop);
          const delivery: ShopifyDelivery = {
            topic,
            webhookId: request.get('x-shopify-webhook-id') ?? null,
            shopDomain: shop,
          };
          const input = { source, contentType: deliveryContentType(delivery), raw };
          response.status(200).json(await run(input, context));
        });
      }
    },
    /** Re-runs a quarantined (possibly repaired) payload; its topic travels in the content type. */
    reprocess: run,
  };
}
