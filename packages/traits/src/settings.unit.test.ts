import { ValidationError } from '@c360/errors';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAIT_SETTINGS, RESOLUTION_DISPOSITION, traitSettings } from './settings';

describe('trait settings', () => {
  it('given no overrides, when settings are built, then they are the documented defaults', () => {
    expect(traitSettings()).toEqual(DEFAULT_TRAIT_SETTINGS);
    expect(DEFAULT_TRAIT_SETTINGS).toMatchObject({
      newWithinDays: 30,
      activeWithinDays: 90,
      atRiskCycleFactor: 1.5,
      lapsedAfterDays: 365,
      minPurchasesForCycle: 3,
      spendWindowWeeks: 8,
      tierAShare: 0.2,
      tierBShare: 0.3,
      topBoxScore: 5,
      complaintTargetHours: 24,
    });
  });

  it('given overrides, when settings are built, then they replace the defaults and undefined keeps a default', () => {
    const settings = traitSettings({ lapsedAfterDays: 3 * 365, activeWithinDays: undefined });

    expect(settings.lapsedAfterDays).toBe(1095);
    expect(settings.activeWithinDays).toBe(90);
  });

  it('given bad overrides, when settings are built, then one ValidationError lists every bad field', () => {
    let error: unknown;
    try {
      traitSettings({ tierAShare: 0.6, tierBShare: 0.6, minPurchasesForCycle: 1, defaultCurrency: 'euro' });
    } catch (caught) {
      error = caught;
    }

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).code).toBe('invalid_trait_settings');
    expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual([
      'minPurchasesForCycle',
      'defaultCurrency',
      'tierBShare',
    ]);
  });

  it.each([
    ['resolved', true],
    ['Resolved - part replaced', true],
    ['technician_fixed', true],
    ['closed', true],
    ['unresolved', false],
    ['not_resolved', false],
    ['issue not fixed', false],
    ['escalated', false],
    ['disclosed', false],
  ])('given the disposition %j, when matched as a resolution, then it is %s', (disposition, resolves) => {
    expect(RESOLUTION_DISPOSITION.test(disposition)).toBe(resolves);
  });
});
