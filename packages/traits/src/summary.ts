import type { CallCategory, CallDirection } from '@c360/touchpoint';
import type { ContactFact } from './fact';
import { minorAmount, moneyMovement } from './money';
import { surveyScore } from './satisfaction';
import { DEFAULT_TRAIT_SETTINGS } from './settings';

/**
 * What a contact-history row shows of a touchpoint without opening personal data:
 * codes, counts and amounts — never names, addresses, notes, subjects, snippets, URLs
 * or identifiers. Keys without a value are left out.
 */
export interface ContactSummary {
  /** Signed minor units of `currency`: negative for a return or refund. Only when the touchpoint names its currency. */
  amount?: number;
  currency?: string;
  /** Receipt lines. */
  lines?: number;
  coupons?: number;
  storeId?: string;
  orderId?: string;
  category?: CallCategory;
  disposition?: string;
  direction?: CallDirection;
  talkSeconds?: number;
  campaignId?: string;
  /** The business's campaign name (not the subject, which may greet the person by name). */
  campaignName?: string;
  bounceType?: string;
  /** A web call's event or call name ("Order Completed", "page"). */
  event?: string;
  /** A survey answer on the 1..5 scale. */
  score?: number;
}

export function contactSummary(fact: ContactFact): ContactSummary {
  const summary: ContactSummary = {};
  const movement = moneyMovement(fact);
  if (movement?.currency) {
    const minor = minorAmount(movement, movement.currency);
    if (minor !== null) {
      summary.amount = movement.kind === 'purchase' ? minor : -minor;
      summary.currency = movement.currency;
    }
  }
  if (movement?.orderId) summary.orderId = movement.orderId;
  const payload = fact.payload;
  switch (payload?.channel) {
    case 'pos':
      summary.lines = payload.payload.lines.length;
      summary.coupons = payload.payload.coupons.length;
      summary.storeId = payload.payload.storeId;
      break;
    case 'call_center':
      summary.category = payload.payload.category;
      if (payload.payload.disposition !== null) summary.disposition = payload.payload.disposition;
      summary.direction = payload.payload.direction;
      summary.talkSeconds = payload.payload.talkSeconds;
      break;
    case 'email':
      if (payload.payload.campaignId !== null) summary.campaignId = payload.payload.campaignId;
      if (payload.payload.campaignName !== null) summary.campaignName = payload.payload.campaignName;
      if (payload.payload.bounceType !== null) summary.bounceType = payload.payload.bounceType;
      break;
    case 'web':
      summary.event = payload.payload.event;
      break;
    case undefined:
      break;
    default: {
      const unknown: never = payload;
      throw new Error(`unhandled payload channel ${String((unknown as { channel: unknown }).channel)}`);
    }
  }
  const score = surveyScore(fact, DEFAULT_TRAIT_SETTINGS);
  if (score !== null) summary.score = score;
  return summary;
}
