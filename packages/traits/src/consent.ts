import type { ContactFact } from './fact';

/** The purpose the e-mail channel's opt-outs withdraw (the SendGrid mapping writes the same key). */
export const EMAIL_MARKETING = 'email_marketing';

/** Touchpoint types that withdraw or grant e-mail marketing consent when the touchpoint carries no value for it. */
const EMAIL_CONSENT_BY_TYPE: ReadonlyMap<string, boolean> = new Map([
  ['unsubscribed', false],
  ['group_unsubscribed', false],
  ['spam_reported', false],
  ['subscribed', true],
  ['resubscribed', true],
  ['group_resubscribed', true],
]);

/**
 * The latest value per purpose, by when it happened (facts in the order computeTraits sorts them;
 * of two at the same instant the later one wins). A touchpoint's own consent
 * map is authoritative; an opt-out or opt-in type without a value for
 * `email_marketing` sets it (an ignored opt-out loses the customer).
 */
export function latestConsent(facts: readonly ContactFact[]): Record<string, boolean> {
  const consent: Record<string, boolean> = {};
  for (const fact of facts) {
    const implied = EMAIL_CONSENT_BY_TYPE.get(fact.type);
    if (implied !== undefined && fact.consent?.[EMAIL_MARKETING] === undefined) consent[EMAIL_MARKETING] = implied;
    for (const [purpose, granted] of Object.entries(fact.consent ?? {})) {
      if (typeof granted === 'boolean') consent[purpose] = granted;
    }
  }
  return consent;
}
