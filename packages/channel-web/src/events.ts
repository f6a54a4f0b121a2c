/**
 * Touchpoint types of Segment calls.
 *
 * `track` events are free-form names. Those of Segment's semantic specs get a touchpoint type
 * of their own — the snake_case of the spec name — so the core can rely on their meaning:
 * - E-commerce v2 (https://segment.com/docs/connections/spec/ecommerce/v2/): browsing,
 *   promotions, core ordering, coupons, wishlisting, sharing, reviewing;
 * - B2B SaaS (https://segment.com/docs/connections/spec/b2b-saas/): account and user lifecycle.
 * One rename: `Order Completed` becomes `order_placed`, the platform's word for a purchase
 * (DESIGN.md's touchpoint types), shared with the point-of-sale channel.
 *
 * Matching ignores case and repeated blanks (`order  completed` is the spec event).
 * Any other event name is KEPT — never dropped — as type `custom_event`, its name unchanged in
 * `payload.event`: a business's own events ("Song Played") are facts about the customer too,
 * and a snake_case type per free-form name would let any client invent touchpoint types.
 */

export const CUSTOM_EVENT = 'custom_event';

export const ECOMMERCE_V2_EVENTS = [
  'Products Searched',
  'Product List Viewed',
  'Product List Filtered',
  'Promotion Viewed',
  'Promotion Clicked',
  'Product Clicked',
  'Product Viewed',
  'Product Added',
  'Product Removed',
  'Cart Viewed',
  'Checkout Started',
  'Checkout Step Viewed',
  'Checkout Step Completed',
  'Payment Info Entered',
  'Order Completed',
  'Order Updated',
  'Order Refunded',
  'Order Cancelled',
  'Coupon Entered',
  'Coupon Applied',
  'Coupon Denied',
  'Coupon Removed',
  'Product Added to Wishlist',
  'Product Removed from Wishlist',
  'Wishlist Product Added to Cart',
  'Product Shared',
  'Cart Shared',
  'Product Reviewed',
] as const;

export const B2B_SAAS_EVENTS = [
  'Account Created',
  'Account Deleted',
  'Signed Up',
  'Signed In',
  'Signed Out',
  'Invite Sent',
  'Account Added User',
  'Account Removed User',
  'Trial Started',
  'Trial Ended',
] as const;

const RENAMED: Readonly<Record<string, string>> = { 'Order Completed': 'order_placed' };

const key = (name: string): string => name.trim().replace(/\s+/g, ' ').toLowerCase();
const snakeCase = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');

const SPEC_TYPES: ReadonlyMap<string, string> = new Map(
  [...ECOMMERCE_V2_EVENTS, ...B2B_SAAS_EVENTS].map((name) => [key(name), RENAMED[name] ?? snakeCase(name)]),
);

/** The touchpoint type of a `track` call's event name. */
export const trackEventType = (event: string): string => SPEC_TYPES.get(key(event)) ?? CUSTOM_EVENT;

/** The touchpoint type of every other call. */
export const CALL_TOUCHPOINT_TYPES = {
  page: 'page_viewed',
  screen: 'screen_viewed',
  identify: 'identified',
  group: 'group_joined',
  alias: 'alias_linked',
} as const;
