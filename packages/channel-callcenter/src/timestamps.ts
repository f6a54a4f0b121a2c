import { EARLIEST_TIMESTAMP, LATEST_TIMESTAMP } from '@c360/touchpoint';

/**
 * Strict date parsers. `Date.parse` rolls an impossible date over (`2026-02-30` becomes
 * 2 March), which would record a call on a day it never happened; these refuse it.
 * Both return epoch milliseconds, or a reason.
 */
export type Parsed = { ms: number } | { reason: string };

const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const RFC_2822 =
  /^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) ([+-]\d{4}|GMT|UT)$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2026-03-14T09:15:02Z` or with milliseconds / an offset — what Amazon Connect writes in a CTR. */
export function parseIso8601(text: string): Parsed {
  const m = ISO_8601.exec(text);
  if (!m) return { reason: 'must be an ISO 8601 date-time with a zone, e.g. 2026-03-14T09:15:02Z' };
  const fraction = m[7] ? Math.floor(Number(`0${m[7]}`) * 1000) : 0;
  const offset = m[8] === 'Z' ? 0 : offsetMinutes(m[8]!.replace(':', ''));
  return checked(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +m[6]!, fraction, offset);
}

/** `Sat, 14 Mar 2026 09:15:02 +0000` — what Twilio sends as `Timestamp`. */
export function parseRfc2822(text: string): Parsed {
  const m = RFC_2822.exec(text.trim());
  if (!m) return { reason: 'must be an RFC 2822 date, e.g. Sat, 14 Mar 2026 09:15:02 +0000' };
  const offset = m[7] === 'GMT' || m[7] === 'UT' ? 0 : offsetMinutes(m[7]!);
  return checked(+m[3]!, MONTHS.indexOf(m[2]!) + 1, +m[1]!, +m[4]!, +m[5]!, +m[6]!, 0, offset);
}

const offsetMinutes = (text: string): number =>
  (text.startsWith('-') ? -1 : 1) * (Number(text.slice(1, 3)) * 60 + Number(text.slice(3, 5)));

function checked(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, offset: number) {
  const utc = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const back = new Date(utc);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) {
    return { reason: 'is not a date that exists' };
  }
  const result = utc - offset * 60_000;
  if (result < EARLIEST_TIMESTAMP || result >= LATEST_TIMESTAMP) {
    return { reason: 'must lie between 2000-01-01 and 2100-01-01' };
  }
  return { ms: result };
}
