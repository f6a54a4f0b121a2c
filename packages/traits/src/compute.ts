import { complaintSummary, type ComplaintSummary } from './complaints';
import { latestConsent } from './consent';
import { channelMix } from './channel-mix';
import { purchaseCycle } from './cycle';
import type { ContactFact } from './fact';
import { churnScore, lifecycleStage, type ChurnRisk, type LifecycleStage, type RecencyInput } from './lifecycle';
import {
  populationSample,
  rfmScore,
  valueTier,
  type PopulationThresholds,
  type RfmScore,
  type ValueTier,
} from './population';
import { purchaseSummary } from './purchases';
import { satisfactionOf, type TopBoxSatisfaction } from './satisfaction';
import { DEFAULT_TRAIT_SETTINGS, type TraitSettings } from './settings';
import { isoOf } from './stats';

/** Money fields are minor units of `currency`. README.md gives every formula. */
export interface ComputedTraits {
  currency: string | null;
  orders: number;
  returns: number;
  grossValue: number;
  refundedValue: number;
  lifetimeValue: number;
  averageOrderValue: number | null;
  firstPurchaseAt: string | null;
  lastPurchaseAt: string | null;
  purchaseCycleDays: number | null;
  nextExpectedPurchase: string | null;
  rfm: RfmScore | null;
  valueTier: ValueTier | null;
  lifecycleStage: LifecycleStage;
  churnRisk: ChurnRisk;
  churnScore: number;
  topBoxSatisfaction: TopBoxSatisfaction | null;
  complaints: ComplaintSummary;
  channelMix: Record<string, number>;
  consent: Record<string, boolean>;
  spendPerWeek: number | null;
  couponsRedeemed: number;
}

export interface ComputeTraitsOptions {
  /** The instant the traits describe; every age is measured to it. */
  now: Date;
  settings?: TraitSettings;
  /** Without it, valueTier and rfm are null. */
  population?: PopulationThresholds;
}

/**
 * The computed traits of one customer from all of its contact facts, in any order
 * (they are sorted by occurredAt, then touchpointId; a repeated touchpointId counts
 * once). Pure: the same facts, `now` and settings give the same traits. Facts stamped
 * after `now` are counted (ages are floored at 0); a caller wanting the traits as of a
 * past instant passes only the facts up to it.
 */
export function computeTraits(facts: readonly ContactFact[], options: ComputeTraitsOptions): ComputedTraits {
  const settings = options.settings ?? DEFAULT_TRAIT_SETTINGS;
  const now = options.now.getTime();
  const ordered = chronological(facts);
  const money = purchaseSummary(ordered, { now, settings });
  const cycle = purchaseCycle(money.purchaseTimes, settings);
  const satisfaction = satisfactionOf(ordered, settings);
  const complaints = complaintSummary(ordered, { now, settings });
  const firstPurchaseAt = money.purchaseTimes[0] ?? null;
  const lastPurchaseAt = money.purchaseTimes.at(-1) ?? null;
  const recency: RecencyInput = {
    now,
    firstPurchaseAt,
    lastPurchaseAt,
    cycleDays: cycle.days,
    lastContactAt: ordered.at(-1)?.occurredAt ?? null,
  };
  const churn = churnScore(
    { ...recency, openComplaints: complaints.open, latestSurveyScore: satisfaction.latestScore },
    settings,
  );
  const lastPurchaseIso = lastPurchaseAt === null ? null : isoOf(lastPurchaseAt);
  const sample = populationSample(
    { lifetimeValue: money.lifetimeValue, orders: money.orders, lastPurchaseAt: lastPurchaseIso },
    options.now,
  );

  return {
    currency: money.currency,
    orders: money.orders,
    returns: money.returns,
    grossValue: money.grossValue,
    refundedValue: money.refundedValue,
    lifetimeValue: money.lifetimeValue,
    averageOrderValue: money.averageOrderValue,
    firstPurchaseAt: firstPurchaseAt === null ? null : isoOf(firstPurchaseAt),
    lastPurchaseAt: lastPurchaseIso,
    purchaseCycleDays: cycle.days,
    nextExpectedPurchase: cycle.nextExpectedPurchase,
    rfm: rfmScore(sample, options.population),
    valueTier: valueTier(sample, options.population),
    lifecycleStage: lifecycleStage(recency, settings),
    churnRisk: churn.risk,
    churnScore: churn.score,
    topBoxSatisfaction: satisfaction.topBox,
    complaints,
    channelMix: channelMix(ordered),
    consent: latestConsent(ordered),
    spendPerWeek: money.spendPerWeek,
    couponsRedeemed: money.couponsRedeemed,
  };
}

function chronological(facts: readonly ContactFact[]): ContactFact[] {
  const seen = new Set<string>();
  const distinct = facts.filter((fact) => !seen.has(fact.touchpointId) && seen.add(fact.touchpointId));
  return distinct.sort(
    (a, b) =>
      a.occurredAt - b.occurredAt || (a.touchpointId < b.touchpointId ? -1 : a.touchpointId > b.touchpointId ? 1 : 0),
  );
}
