import { validateTraitSettings } from './settings-validation';

/**
 * The thresholds of the computed traits (README.md documents each formula). Every
 * field is configurable; `traitSettings` merges overrides onto the defaults and checks
 * them. Days and hours are plain numbers; money is never a setting (it is relative to
 * the population, see population.ts).
 */
export interface TraitSettings {
  /** A customer whose first purchase is at most this many days old is `new`. */
  newWithinDays: number;
  /** Without an own purchase cycle: active while the last purchase is at most this many days old, then `at_risk`. */
  activeWithinDays: number;
  /** With an own purchase cycle: `at_risk` once the last purchase is older than this × the cycle. */
  atRiskCycleFactor: number;
  /** `lapsed` once the last purchase is older than this many days (whatever the cycle). */
  lapsedAfterDays: number;
  /** Purchase occasions needed before a purchase cycle is stated (n occasions give n − 1 gaps). */
  minPurchasesForCycle: number;
  /** Purchases closer together than this are one occasion for the cycle (a receipt and a web order the same day). */
  purchaseOccasionHours: number;
  /** `spendPerWeek` is net spend over this many weeks before `now`, divided by it. */
  spendWindowWeeks: number;
  /** Share of the purchasing population in value tier A (the top). */
  tierAShare: number;
  /** Share in tier B (the next); the rest is C. */
  tierBShare: number;
  /** Survey answers are integers 1..topBoxScore; only this score counts as top box. */
  topBoxScore: number;
  /** Service level for complaints: closed within this many hours counts as on time (Haier: 24). */
  complaintTargetHours: number;
  /** A call-center disposition that closes the oldest open complaint. */
  resolutionDisposition: RegExp;
  /** churnScore at or above this is `medium`. */
  churnMediumAt: number;
  /** churnScore at or above this is `high`. */
  churnHighAt: number;
  /** Added to churnScore while a complaint is open. */
  churnOpenComplaintWeight: number;
  /** Added to churnScore when the latest survey answer is below top box. */
  churnBelowTopBoxWeight: number;
  /** Currency of web amounts that name none, when the customer has no other purchase naming one (Segment assumes USD). */
  defaultCurrency: string;
}

/**
 * Matches resolution codes (`resolved`, `closed`, `fixed`, `solved`, `technician_fixed`,
 * `Resolved - replaced`) but not `unresolved` or `not_resolved`.
 */
export const RESOLUTION_DISPOSITION =
  /^(?!(?:.*[^a-z])?not[\s_-]*(?:resolved|closed|fixed|solved))(?:.*[^a-z])?(?:resolved|closed|fixed|solved)(?:[^a-z].*)?$/i;

export const DEFAULT_TRAIT_SETTINGS: Readonly<TraitSettings> = Object.freeze({
  newWithinDays: 30,
  activeWithinDays: 90,
  atRiskCycleFactor: 1.5,
  lapsedAfterDays: 365,
  minPurchasesForCycle: 3,
  purchaseOccasionHours: 12,
  spendWindowWeeks: 8,
  tierAShare: 0.2,
  tierBShare: 0.3,
  topBoxScore: 5,
  complaintTargetHours: 24,
  resolutionDisposition: RESOLUTION_DISPOSITION,
  churnMediumAt: 0.5,
  churnHighAt: 0.75,
  churnOpenComplaintWeight: 0.2,
  churnBelowTopBoxWeight: 0.1,
  defaultCurrency: 'USD',
});

/**
 * The defaults with `overrides` applied (undefined fields keep the default).
 * @throws ValidationError (code `invalid_trait_settings`) listing every bad field.
 */
export function traitSettings(overrides: Partial<TraitSettings> = {}): TraitSettings {
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
  const settings = { ...DEFAULT_TRAIT_SETTINGS, ...defined } as TraitSettings;
  validateTraitSettings(settings);
  return settings;
}
