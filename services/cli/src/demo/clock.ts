import { DAY_MS, MINUTE_MS } from './model';

/**
 * Plans are made in whole days before `now` and minutes of the day, then placed on the
 * calendar: day d is the UTC day d days before the day of `now`, so every planned
 * instant with d >= 1 lies before `now`.
 */
export interface DemoClock {
  now: number;
  /** Epoch ms of `minute` (0…1439, may overflow into the next days) on the day `daysAgo` before today. */
  at(daysAgo: number, minute: number): number;
  iso(ms: number): string;
}

export function demoClock(now: Date): DemoClock {
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  return {
    now: now.getTime(),
    at: (daysAgo, minute) => today - daysAgo * DAY_MS + Math.round(minute * MINUTE_MS),
    iso: (ms) => new Date(ms).toISOString().replace('.000Z', 'Z'),
  };
}

/** Cents as a decimal string in major units: 1849 → "18.49", -379 → "-3.79". */
export function money(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
