/**
 * The webhook's facts that live in headers (topic, webhook id, shop) travel with the raw
 * body as parameters of its content type, so a quarantined body re-processed later is
 * read exactly as when it arrived: `application/json; shopify-topic=orders/create; …`.
 */
export const SHOPIFY_TOPICS = ['orders/create', 'refunds/create'] as const;
export type ShopifyTopic = (typeof SHOPIFY_TOPICS)[number];

export interface ShopifyDelivery {
  topic: ShopifyTopic;
  webhookId: string | null;
  shopDomain: string | null;
}

const TOKEN = /^[A-Za-z0-9._/-]+$/;

export function deliveryContentType(delivery: ShopifyDelivery): string {
  const parts = ['application/json', `shopify-topic=${delivery.topic}`];
  if (delivery.webhookId && TOKEN.test(delivery.webhookId)) parts.push(`shopify-webhook-id=${delivery.webhookId}`);
  if (delivery.shopDomain && TOKEN.test(delivery.shopDomain)) parts.push(`shopify-shop=${delivery.shopDomain}`);
  return parts.join('; ');
}

/** The delivery a content type names, or null when it names no known topic. */
export function deliveryOf(contentType: string): ShopifyDelivery | null {
  const params = new Map(
    contentType
      .split(';')
      .slice(1)
      .map((p) => p.trim().split('=', 2) as [string, string | undefined]),
  );
  const topic = params.get('shopify-topic');
  if (!SHOPIFY_TOPICS.includes(topic as ShopifyTopic)) return null;
  return {
    topic: topic as ShopifyTopic,
    webhookId: params.get('shopify-webhook-id') ?? null,
    shopDomain: params.get('shopify-shop') ?? null,
  };
}
