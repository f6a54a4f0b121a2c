import { EARLIEST_TIMESTAMP, LATEST_TIMESTAMP, MAX_CLOCK_SKEW_MS } from '@c360/touchpoint';

/**
 * Segment's four timestamps, as the spec defines them (Spec: Common Fields → Timestamps,
 * https://segment.com/docs/connections/spec/common/#timestamps):
 * - `originalTimestamp`: the device's clock when the call was made. On the wire this is the
 *   call's own `timestamp` (every Segment library sets it; analytics.js and analytics-node
 *   always do) — Segment renames it on arrival. Some Segment-compatible clients
 *   (RudderStack SDKs) send it under its stored name `originalTimestamp` instead.
 * - `sentAt`: the device's clock when the request left it (per call, or once per batch).
 * - `receivedAt`: our clock when the request arrived.
 * - `timestamp` = receivedAt − (sentAt − originalTimestamp). "The sentAt and receivedAt
 *   timestamps are assumed to occur at the same time … therefore the difference is the
 *   user's device clock skew, which can be applied back to correct the timestamp."
 *
 * So the correction applies whenever `sentAt` is given — also to a `timestamp` set by hand
 * in a server library (the spec lists that as an `originalTimestamp` too): a historical
 * import sent now keeps its date, shifted only by the sender's skew. The cases:
 * 1. `timestamp` and `originalTimestamp` both given: the call was already processed once (a
 *    re-export of Segment or RudderStack data) and `timestamp` is the corrected value — used
 *    as is; correcting it again against today's receivedAt would move a 2015 event to today.
 * 2. otherwise original = `originalTimestamp` ?? `timestamp`; with `sentAt` the result is
 *    receivedAt − (sentAt − original);
 * 3. an original without `sentAt`: no skew can be measured — the original as is (the HTTP
 *    API's "historical import");
 * 4. none: receivedAt ("If the event just happened, leave it out and we'll use the server's
 *    time" — spec field `timestamp`).
 */
export interface CallTimestamps {
  timestamp: number | null;
  originalTimestamp: number | null;
  sentAt: number | null;
}

/** The corrected time and the field it came from (so a bad result can name the field). */
export function occurredAt(
  call: CallTimestamps,
  receivedAt: number,
): { value: number; from: 'timestamp' | 'originalTimestamp' | null } {
  if (call.timestamp !== null && call.originalTimestamp !== null) return { value: call.timestamp, from: 'timestamp' };
  const from = call.originalTimestamp !== null ? 'originalTimestamp' : call.timestamp !== null ? 'timestamp' : null;
  const original = call.originalTimestamp ?? call.timestamp;
  if (original === null) return { value: receivedAt, from };
  if (call.sentAt === null) return { value: original, from };
  return { value: receivedAt - (call.sentAt - original), from };
}

/** Why the touchpoint contract would refuse this occurredAt (semantic-issues.ts), in Segment's terms. */
export function occurredAtProblem(value: number, receivedAt: number): string | undefined {
  if (value < EARLIEST_TIMESTAMP || value >= LATEST_TIMESTAMP) {
    return 'must lie between 2000-01-01 and 2100-01-01 (after clock-skew correction)';
  }
  if (value > receivedAt + MAX_CLOCK_SKEW_MS)
    return 'must not be more than 24h in the future (after clock-skew correction)';
  return undefined;
}

/*
 * ISO-8601 date-times as Segment's libraries write them (`Date#toISOString`), and the looser
 * forms its own docs show ("2015-2-02T00:30:08.276Z"): date with 1–2 digit month and day,
 * optional time, fraction and zone. No zone means UTC ("All timestamps are ISO-8601 date
 * strings, and are in the UTC timezone").
 */
const ISO_8601 =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Epoch milliseconds of an ISO-8601 date(-time), or undefined when it is not one (or not a real date). */
export function parseIsoTimestamp(text: string): number | undefined {
  const match = ISO_8601.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0)) as number[];
  const millis = Number(`${match[7] ?? ''}000`.slice(0, 3));
  const date = new Date(0);
  date.setUTCFullYear(year!, month! - 1, day!);
  date.setUTCHours(hour!, minute!, second!, millis);
  const real =
    date.getUTCMonth() === month! - 1 &&
    date.getUTCDate() === day! &&
    date.getUTCHours() === hour! &&
    date.getUTCMinutes() === minute! &&
    date.getUTCSeconds() === second!;
  if (!real) return undefined;
  return date.getTime() - zoneOffsetMs(match[8]);
}

function zoneOffsetMs(zone: string | undefined): number {
  if (!zone || zone.toUpperCase() === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || 0);
  return (zone.startsWith('-') ? -1 : 1) * minutes * 60_000;
}
