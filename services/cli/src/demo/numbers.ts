/**
 * The numbers the demo population is drawn with. Those marked CRM-PRACTICE come from
 * /work/shared/CRM-PRACTICE.md ("A demo population (suggested shape)" and the cases);
 * the others are not given there and are plausible choices, named so they can be argued with.
 */
export const DEMO_NUMBERS = {
  /** Days of history before `now`. Brief: "over the past ~12 months". */
  historyDays: 365,

  // --- grocery shoppers (CRM-PRACTICE) ---
  /** CRM-PRACTICE: "60% carry a loyalty card". */
  loyaltyCardShare: 0.6,
  /** CRM-PRACTICE: "a quarter of those carry 2–3 cards" (of three competing grocers). */
  multiCardShareOfHolders: 0.25,
  /** CRM-PRACTICE: "weekly baskets at 2–8 stores". */
  storesPerShopper: [2, 8] as const,
  /** CRM-PRACTICE: weekly baskets — mean days between trips. */
  meanDaysBetweenTrips: 7,
  /** CRM-PRACTICE (rice merchant): 0.15 kg a day per person, 10 kg sack → 4 people ≈ every 17 days (in catalog STAPLES). */
  stapleJitterShare: 0.15,

  // --- not given by CRM-PRACTICE: plausible, named ---
  /** Share of households whose adults share one family e-mail address (the shared-evidence case). */
  sharedEmailHouseholdShare: 0.04,
  /** Adults (each a shopper of their own) in a shared-e-mail household. */
  sharedEmailAdults: [2, 3] as const,
  /** US household sizes 1..5 (roughly the census shares). */
  householdSizeWeights: [0.28, 0.35, 0.15, 0.13, 0.09] as const,
  /** Median basket in cents and its log-normal spread (gives a long right tail: the 20 % who bring most revenue). */
  medianBasketCents: 4000,
  basketSpread: 0.6,
  /** Share of customers who joined within the last 90 days (lifecycle `new`). */
  newCustomerShare: 0.12,
  /** Share who stopped shopping 40–100 days ago (at risk) and 120–300 days ago (lapsed). */
  atRiskShare: 0.1,
  lapsedShare: 0.08,
  /** Share of receipts with a coupon from the loyalty programme (card holders only). */
  couponShare: 0.12,
  /** Share of receipts followed by a return of one line within a week. */
  returnShare: 0.015,

  /** Hotline calls per customer a year (Poisson mean). */
  callsPerYear: 1.2,
  /** Call classes of the cases (purchase, information, consultation, complaint): shares. */
  callCategoryWeights: { information: 0.4, purchase: 0.2, consultation: 0.15, complaint: 0.25 },
  /** Share of complaints closed by a later call; of those, the share closed within Haier's 24 h. */
  complaintResolvedShare: 0.85,
  resolvedWithin24hShare: 0.55,
  /** Share of complaint calls where the agent notes the loyalty card / the e-mail. */
  agentNotesCardShare: 0.4,
  agentNotesEmailShare: 0.3,

  /** Share of e-mail addresses subscribed to the newsletter. */
  newsletterShare: 0.7,
  /** Per send: hard bounce (address then dropped), open, click given open, unsubscribe given delivered. */
  bounceRate: 0.02,
  openRate: 0.25,
  clickGivenOpenRate: 0.15,
  unsubscribeRate: 0.01,

  /** Share of single-adult households with a web-shop account (shared-e-mail households: all). */
  webAccountShare: 0.45,
  /** Anonymous browsing sessions before signing up, and signed-in sessions a month after. */
  anonymousSessions: [1, 4] as const,
  sessionsPerMonth: 1,
  /** Share of signed-in sessions ending in an order. */
  webOrderShare: 0.3,
} as const;
