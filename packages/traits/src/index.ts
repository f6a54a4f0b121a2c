/**
 * @c360/traits — computed customer traits as pure domain code: contact facts in,
 * lifetime value, purchase cycle, lifecycle, churn, RFM and value tiers, top-box
 * satisfaction, complaints, channel mix and consent out. No I/O; time comes in as
 * `now`. README.md documents every formula and threshold.
 */
export { computeTraits, type ComputeTraitsOptions, type ComputedTraits } from './compute';
export { factFromTouchpoint, type ContactFact, type RecordedTouchpoint } from './fact';
export { contactSummary, type ContactSummary } from './summary';
export { DEFAULT_TRAIT_SETTINGS, RESOLUTION_DISPOSITION, traitSettings, type TraitSettings } from './settings';
export {
  populationSample,
  populationThresholds,
  rfmSegment,
  type PopulationSample,
  type PopulationThresholds,
  type RfmScore,
  type RfmSegment,
  type ValueTier,
} from './population';
export type { ChurnRisk, LifecycleStage } from './lifecycle';
export type { ComplaintSummary } from './complaints';
export type { TopBoxSatisfaction } from './satisfaction';
export { EMAIL_MARKETING } from './consent';
