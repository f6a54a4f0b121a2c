import type { TraitSettings } from './settings';
import { clamp01, daysBetween, roundTo } from './stats';

export type LifecycleStage = 'prospect' | 'new' | 'active' | 'at_risk' | 'lapsed';
export type ChurnRisk = 'low' | 'medium' | 'high';

/** Times in epoch ms; null when there is none. */
export interface RecencyInput {
  now: number;
  firstPurchaseAt: number | null;
  lastPurchaseAt: number | null;
  /** Own purchase cycle in days (purchaseCycle), or null. */
  cycleDays: number | null;
  /** Latest touchpoint of any kind. */
  lastContactAt: number | null;
}

/** Days without a purchase after which a customer is at risk: atRiskCycleFactor × own cycle, else activeWithinDays. */
export const atRiskAfterDays = (cycleDays: number | null, settings: TraitSettings): number =>
  cycleDays !== null ? settings.atRiskCycleFactor * cycleDays : settings.activeWithinDays;

/**
 * First match wins: no purchase → prospect; last purchase older than lapsedAfterDays →
 * lapsed; first purchase within newWithinDays → new; last purchase older than
 * atRiskAfterDays → at_risk; else active.
 */
export function lifecycleStage(input: RecencyInput, settings: TraitSettings): LifecycleStage {
  if (input.lastPurchaseAt === null || input.firstPurchaseAt === null) return 'prospect';
  const sinceLast = daysBetween(input.lastPurchaseAt, input.now);
  if (sinceLast > settings.lapsedAfterDays) return 'lapsed';
  if (daysBetween(input.firstPurchaseAt, input.now) <= settings.newWithinDays) return 'new';
  if (sinceLast > atRiskAfterDays(input.cycleDays, settings)) return 'at_risk';
  return 'active';
}

/**
 * churnScore = min(1, recency + open complaint weight + below-top-box weight), to 0.001:
 * - recency = churnHighAt × days since the last purchase ÷ atRiskAfterDays, capped at 1
 *   (1 once lapsed) — so recency alone reaches `high` exactly when the stage turns
 *   at_risk, and `medium` (0.5 of 0.75) at one own cycle, when the purchase is due.
 *   A prospect is measured by days since the last contact against activeWithinDays
 *   (the telecom's "zero-call" customers); no contact at all scores 0.
 * - + churnOpenComplaintWeight while a complaint is open;
 * - + churnBelowTopBoxWeight when the latest survey answer is below the top box.
 * risk: high from churnHighAt, medium from churnMediumAt, else low.
 */
export function churnScore(
  input: RecencyInput & { openComplaints: number; latestSurveyScore: number | null },
  settings: TraitSettings,
): { score: number; risk: ChurnRisk } {
  let recency = 0;
  if (input.lastPurchaseAt !== null) {
    const days = daysBetween(input.lastPurchaseAt, input.now);
    recency =
      days > settings.lapsedAfterDays ? 1 : (settings.churnHighAt * days) / atRiskAfterDays(input.cycleDays, settings);
  } else if (input.lastContactAt !== null) {
    recency = (settings.churnHighAt * daysBetween(input.lastContactAt, input.now)) / settings.activeWithinDays;
  }
  const complaint = input.openComplaints > 0 ? settings.churnOpenComplaintWeight : 0;
  const belowTopBox =
    input.latestSurveyScore !== null && input.latestSurveyScore < settings.topBoxScore
      ? settings.churnBelowTopBoxWeight
      : 0;
  const score = roundTo(clamp01(recency + complaint + belowTopBox), 3);
  const risk = score >= settings.churnHighAt ? 'high' : score >= settings.churnMediumAt ? 'medium' : 'low';
  return { score, risk };
}
