import type { ContactFact } from './fact';
import type { TraitSettings } from './settings';
import { HOUR_MS, isoOf, roundTo } from './stats';

/** Haier promises a technician on site within 24 h of a complaint: open complaints and how fast they close. */
export interface ComplaintSummary {
  open: number;
  closed: number;
  /** Mean hours from opening to closing over closed complaints, to 0.01 h; null when none closed. */
  averageResponseHours: number | null;
  /** When the oldest still-open complaint was opened (ISO); null when none is open. */
  oldestOpenSince: string | null;
  /** Closed complaints whose response took at most complaintTargetHours. */
  closedWithinTarget: number;
  /** Open complaints already older than complaintTargetHours at `now`. */
  openPastTarget: number;
}

/** A `complaint_logged` touchpoint (any channel) or a call of category `complaint`. */
export const opensComplaint = (fact: ContactFact): boolean =>
  fact.type === 'complaint_logged' ||
  (fact.payload?.channel === 'call_center' && fact.payload.payload.category === 'complaint');

/** A `complaint_resolved` touchpoint (any channel) or a call whose disposition matches `resolutionDisposition`. */
export function resolvesComplaint(fact: ContactFact, settings: TraitSettings): boolean {
  if (fact.type === 'complaint_resolved') return true;
  const disposition = fact.payload?.channel === 'call_center' ? fact.payload.payload.disposition : null;
  // search() ignores lastIndex, so a configured /g or /y pattern behaves like the plain one.
  return disposition !== null && disposition.search(settings.resolutionDisposition) >= 0;
}

/**
 * Facts in chronological order. Without ticket ids, complaints are matched first in,
 * first out: a resolution closes the oldest open complaint. A complaint call that is
 * itself resolved is a follow-up closing the oldest open complaint when there is one,
 * else a complaint resolved on first contact (response time = the call's duration).
 * A resolution with nothing open closes nothing.
 */
export function complaintSummary(
  facts: readonly ContactFact[],
  options: { now: number; settings: TraitSettings },
): ComplaintSummary {
  const { now, settings } = options;
  const openedAt: number[] = [];
  const responseHours: number[] = [];
  for (const fact of facts) {
    const opens = opensComplaint(fact);
    const resolves = resolvesComplaint(fact, settings);
    if (resolves && openedAt.length > 0) {
      responseHours.push((fact.occurredAt - openedAt.shift()!) / HOUR_MS);
    } else if (opens && resolves) {
      responseHours.push(callMinutes(fact) / 60);
    } else if (opens) {
      openedAt.push(fact.occurredAt);
    }
  }
  const total = responseHours.reduce((sum, hours) => sum + hours, 0);
  const targetMs = settings.complaintTargetHours * HOUR_MS;
  return {
    open: openedAt.length,
    closed: responseHours.length,
    averageResponseHours: responseHours.length > 0 ? roundTo(total / responseHours.length, 2) : null,
    oldestOpenSince: openedAt.length > 0 ? isoOf(openedAt[0]!) : null,
    closedWithinTarget: responseHours.filter((hours) => hours <= settings.complaintTargetHours).length,
    openPastTarget: openedAt.filter((at) => now - at > targetMs).length,
  };
}

function callMinutes(fact: ContactFact): number {
  if (fact.payload?.channel !== 'call_center') return 0;
  const { startedAt, endedAt } = fact.payload.payload;
  return endedAt === null ? 0 : Math.max(0, endedAt - startedAt) / 60_000;
}
