/**
 * An ISO 8601 date-time with an explicit offset (`2026-03-14T09:41:07+01:00`, `…Z`)
 * → epoch milliseconds; null when the text is not one or names a day that does not
 * exist (2026-02-30: `Date.parse` would silently roll it over to 2 March).
 */
const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

export function parseIsoTimestamp(text: string): number | null {
  const m = ISO.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second = 0, offsetHours = 0, offsetMinutes = 0] = m
    .slice(1)
    .map((part) => (part === undefined ? undefined : Number(part)));
  const date = new Date(Date.UTC(year!, month! - 1, day!));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month! - 1 || date.getUTCDate() !== day) return null;
  if (hour! > 23 || minute! > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) return null;
  const millis = Date.parse(text);
  return Number.isNaN(millis) ? null : millis;
}
