import { ValidationError, type ValidationIssue } from '@c360/errors';
import type { TraitSettings } from './settings';

type Check = [field: keyof TraitSettings, ok: (value: unknown) => boolean, message: string];

const positive = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v > 0;
const share = (v: unknown) => typeof v === 'number' && v > 0 && v <= 1;
const weight = (v: unknown) => typeof v === 'number' && v >= 0 && v <= 1;
const integerAtLeast = (min: number) => (v: unknown) => Number.isInteger(v) && (v as number) >= min;

const FIELD_CHECKS: Check[] = [
  ['newWithinDays', positive, 'must be a number > 0'],
  ['activeWithinDays', positive, 'must be a number > 0'],
  ['atRiskCycleFactor', (v) => typeof v === 'number' && v >= 1, 'must be a number ≥ 1'],
  ['lapsedAfterDays', positive, 'must be a number > 0'],
  ['minPurchasesForCycle', integerAtLeast(2), 'must be an integer ≥ 2 (a cycle needs a gap)'],
  ['purchaseOccasionHours', (v) => typeof v === 'number' && v >= 0, 'must be a number ≥ 0'],
  ['spendWindowWeeks', positive, 'must be a number > 0'],
  ['tierAShare', share, 'must be in (0, 1]'],
  ['tierBShare', share, 'must be in (0, 1]'],
  ['topBoxScore', integerAtLeast(2), 'must be an integer ≥ 2 (the top of a 1..n scale)'],
  ['complaintTargetHours', positive, 'must be a number > 0'],
  ['resolutionDisposition', (v) => v instanceof RegExp, 'must be a RegExp'],
  ['churnMediumAt', share, 'must be in (0, 1]'],
  ['churnHighAt', share, 'must be in (0, 1]'],
  ['churnOpenComplaintWeight', weight, 'must be in [0, 1]'],
  ['churnBelowTopBoxWeight', weight, 'must be in [0, 1]'],
  ['defaultCurrency', (v) => typeof v === 'string' && /^[A-Z]{3}$/.test(v), 'must be an ISO 4217 code, e.g. USD'],
];

/** @throws ValidationError (code `invalid_trait_settings`) listing every issue with its field. */
export function validateTraitSettings(settings: TraitSettings): void {
  const issues: ValidationIssue[] = [];
  for (const [field, ok, message] of FIELD_CHECKS) {
    if (!ok(settings[field])) issues.push({ path: field, message });
  }
  if (settings.tierAShare + settings.tierBShare > 1) {
    issues.push({ path: 'tierBShare', message: 'tierAShare + tierBShare must be ≤ 1' });
  }
  if (settings.churnMediumAt > settings.churnHighAt) {
    issues.push({ path: 'churnMediumAt', message: 'must be ≤ churnHighAt' });
  }
  if (settings.lapsedAfterDays <= settings.activeWithinDays) {
    issues.push({ path: 'lapsedAfterDays', message: 'must be > activeWithinDays' });
  }
  if (issues.length > 0) {
    const summary = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
    throw new ValidationError(`invalid trait settings: ${summary}`, { issues, code: 'invalid_trait_settings' });
  }
}
