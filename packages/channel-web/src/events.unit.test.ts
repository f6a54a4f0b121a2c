import { describe, expect, it } from 'vitest';
import { B2B_SAAS_EVENTS, ECOMMERCE_V2_EVENTS, trackEventType } from './events';

describe('trackEventType', () => {
  it.each([
    ['Order Completed', 'order_placed'],
    ['Product Viewed', 'product_viewed'],
    ['Checkout Started', 'checkout_started'],
    ['Product Added', 'product_added'],
    ['Order Refunded', 'order_refunded'],
    ['Product Added to Wishlist', 'product_added_to_wishlist'],
    ['Signed Up', 'signed_up'],
    ['order  completed', 'order_placed'],
    [' PRODUCT VIEWED ', 'product_viewed'],
  ])('given the spec event %j, then the type is %s', (event, type) => {
    expect(trackEventType(event)).toBe(type);
  });

  it.each(['Song Played', 'Item Purchased', 'Order Completed!', '', '李雷 signed in'])(
    'given the unknown event %j, then it is a custom_event',
    (event) => {
      expect(trackEventType(event)).toBe('custom_event');
    },
  );

  it('given every spec event, then each has its own snake_case type', () => {
    const types = [...ECOMMERCE_V2_EVENTS, ...B2B_SAAS_EVENTS].map(trackEventType);
    expect(new Set(types).size).toBe(types.length);
    for (const type of types) expect(type).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
  });
});
