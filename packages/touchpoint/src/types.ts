/**
 * TypeScript shape of the current Touchpoint schema (schemas/touchpoint/v2), as
 * avsc reads and writes it: `["null", T]` unions are `T | null`; the payload union
 * of four records is wrapped by the branch's full name, like Avro's JSON encoding;
 * longs are numbers (timestamps are epoch milliseconds, money is minor units).
 * Every field is present (nullable ones hold null), so a value's keys equal the
 * schema's field names — types.unit.test.ts checks that against the .avsc files.
 */

/* Enum symbols, in schema order (types.unit.test.ts compares them with the .avsc files). */
export const CHANNELS = ['web', 'call_center', 'pos', 'email'] as const;
export const IDENTIFIER_TYPES = [
  'email',
  'phone',
  'user_id',
  'anonymous_id',
  'loyalty_id',
  'payment_token',
  'customer_number',
  'device_id',
  'other',
  'hashed_email',
] as const;
export const DEVICE_TYPES = ['unknown', 'desktop', 'mobile', 'tablet'] as const;
export const CALL_DIRECTIONS = ['inbound', 'outbound'] as const;
export const CALL_CATEGORIES = ['purchase', 'information', 'consultation', 'complaint'] as const;

export type Channel = (typeof CHANNELS)[number];
export type IdentifierType = (typeof IDENTIFIER_TYPES)[number];
export type DeviceType = (typeof DEVICE_TYPES)[number];
export type CallDirection = (typeof CALL_DIRECTIONS)[number];
export type CallCategory = (typeof CALL_CATEGORIES)[number];

/**
 * A map whose values are JSON texts: `{ plan: '"gold"', age: '42', tags: '["a"]' }`.
 * Keeps any JSON value (nested objects, arrays, null) in a flat Avro `map<string>`.
 * Build and read with `toJsonTextMap` / `fromJsonTextMap`.
 */
export type JsonTextMap = Record<string, string>;

export interface Source {
  system: string;
  sourceId: string;
  adapter: string;
  adapterVersion: string;
  rawSha256: string;
}

export interface Identifier {
  type: IdentifierType;
  value: string;
}

export interface WebPayload {
  event: string;
  properties: JsonTextMap;
  url: string | null;
  path: string | null;
  referrer: string | null;
  title: string | null;
  campaign: Record<string, string> | null;
  ip: string | null;
  userAgent: string | null;
  library: string | null;
  deviceType: DeviceType;
}

export interface CallCenterPayload {
  direction: CallDirection;
  queue: string | null;
  agentId: string | null;
  agentName: string | null;
  startedAt: number;
  endedAt: number | null;
  talkSeconds: number;
  holdSeconds: number;
  disposition: string | null;
  category: CallCategory;
  notes: string | null;
}

/** Money: integer minor units of `currency` (ISO 4217), e.g. 1999 = 19.99 EUR, 1999 = ¥1999. */
export interface PosLine {
  sku: string;
  name: string;
  category: string | null;
  /** Negative on a return. */
  quantity: number;
  /** Minor units, >= 0. */
  unitPrice: number;
  currency: string;
}

export interface PosPayload {
  storeId: string;
  registerId: string | null;
  cashierId: string | null;
  receiptNumber: string;
  originalReceiptNumber: string | null;
  currency: string;
  lines: PosLine[];
  subtotal: number;
  discount: number;
  tax: number;
  total: number;
  coupons: string[];
  paymentMethod: string | null;
  pointsEarned: number;
  pointsRedeemed: number;
}

export interface EmailPayload {
  messageId: string;
  provider: string | null;
  campaignId: string | null;
  campaignName: string | null;
  subject: string | null;
  from: string | null;
  to: string[];
  clickedUrl: string | null;
  bounceType: string | null;
  bounceReason: string | null;
  userAgent: string | null;
  inReplyTo: string | null;
  snippet: string | null;
}

/** Union branch name of each channel's payload. */
export const PAYLOAD_BRANCH = {
  web: 'c360.touchpoint.WebPayload',
  call_center: 'c360.touchpoint.CallCenterPayload',
  pos: 'c360.touchpoint.PosPayload',
  email: 'c360.touchpoint.EmailPayload',
} as const satisfies Record<Channel, string>;

export interface PayloadByChannel {
  web: WebPayload;
  call_center: CallCenterPayload;
  pos: PosPayload;
  email: EmailPayload;
}

/** The wrapped payload union: exactly one key, the branch's full name. */
export type TouchpointPayload = {
  [C in Channel]: { [K in (typeof PAYLOAD_BRANCH)[C]]: PayloadByChannel[C] };
}[Channel];

export interface Touchpoint {
  touchpointId: string;
  channel: Channel;
  type: string;
  /** Epoch milliseconds. */
  occurredAt: number;
  /** Epoch milliseconds. */
  receivedAt: number;
  source: Source;
  identifiers: Identifier[];
  traits: JsonTextMap;
  /** Purpose → granted. */
  consent: Record<string, boolean> | null;
  context: JsonTextMap | null;
  payload: TouchpointPayload | null;
  /** BCP 47 tag, v2. */
  locale: string | null;
}
