/** What the generator plans and the sender sends: plain JSON in each channel's own wire format. */

export interface LoyaltyCard {
  chain: string;
  /** As printed on the card, e.g. `FM-KQ-000123` (normalised by the platform to `FMKQ000123`). */
  number: string;
}

export interface DemoPerson {
  /** `p0001`…: stable for a seed, whatever the population size. */
  personId: string;
  householdId: string;
  firstName: string;
  lastName: string;
  /** The e-mail address this person uses: their own, or the household's shared one. */
  email: string;
  sharedEmail: boolean;
  /** E.164. */
  phone: string;
  loyaltyCards: LoyaltyCard[];
  /** Web-shop account id, or null without one. */
  userId: string | null;
  /** The browser's analytics.js id, or null without web activity. */
  anonymousId: string | null;
  /** People eating from this person's shopping (the staple cycle). */
  householdSize: number;
  /** Staple SKU bought on a cycle, and the cycle in days; null when another adult of the household buys it. */
  staple: { sku: string; cycleDays: number } | null;
  /** Store ids (`store-0412`) this person shops at; the first is the main store. */
  stores: string[];
  /** Days before `now` the person's activity starts and ends (0 = still active). */
  activeFromDaysAgo: number;
  activeUntilDaysAgo: number;
}

/** Everything one channel endpoint receives, already in its wire format. */
export interface DemoPlan {
  seed: string;
  now: string;
  people: DemoPerson[];
  /** POST /v1/pos/receipts bodies' receipts (sent as `{ receipts: [...] }`). */
  receipts: Record<string, unknown>[];
  /** POST /v1/callcenter/connect/ctr: Amazon Connect contact trace records. */
  calls: Record<string, unknown>[];
  /** POST /v1/email/sendgrid/events: SendGrid Event Webhook events. */
  emailEvents: Record<string, unknown>[];
  /** POST /v1/batch: Segment calls. */
  webCalls: Record<string, unknown>[];
  /** Facts the tests and the summary check the pipeline against. */
  facts: DemoFacts;
}

export interface DemoFacts {
  /** personId → touchpoints planned for that person (family-e-mail events counted on the household's first adult). */
  touchpointsByPerson: Record<string, number>;
  /** Complaint ContactIds → the person; and those closed by a later call. */
  complaints: { personId: string; contactId: string; resolvedBy: string | null }[];
  /** Staple purchases per person: day offsets (days before now) of each purchase. */
  stapleDays: Record<string, number[]>;
}

export const CHANNEL_NAMES = ['pos', 'call_center', 'email', 'web'] as const;
export type DemoChannel = (typeof CHANNEL_NAMES)[number];

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
export const MINUTE_MS = 60_000;
