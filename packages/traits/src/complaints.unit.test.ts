import { describe, expect, it } from 'vitest';
import { computeTraits } from './compute';
import { atDay, call, day, hoursAfter, web } from './test-facts';

const complaintCall = (at: number) => call({ at, category: 'complaint', disposition: 'escalated' });

describe('complaints', () => {
  it("given a complaint call and a technician's resolution call 20 hours later, when traits are computed, then it closed within Haier's 24 h", () => {
    const facts = [
      complaintCall(day(0)),
      call({ at: hoursAfter(day(0), 20), category: 'consultation', disposition: 'resolved' }),
    ];

    const traits = computeTraits(facts, { now: atDay(2) });

    expect(traits.complaints).toEqual({
      open: 0,
      closed: 1,
      averageResponseHours: 20,
      oldestOpenSince: null,
      closedWithinTarget: 1,
      openPastTarget: 0,
    });
  });

  it('given a complaint followed only by an information call, when traits are computed, then the complaint stays open and is past its target', () => {
    const facts = [
      complaintCall(day(0)),
      call({ at: day(1), category: 'information', disposition: 'information_given' }),
    ];

    const traits = computeTraits(facts, { now: atDay(2) });

    expect(traits.complaints).toMatchObject({ open: 1, closed: 0, averageResponseHours: null, openPastTarget: 1 });
    expect(traits.complaints.oldestOpenSince).toBe(new Date(day(0)).toISOString());
  });

  it('given two open complaints and one resolution, when traits are computed, then the oldest is closed first', () => {
    const facts = [
      complaintCall(day(0)),
      complaintCall(day(1)),
      call({ at: day(3), category: 'consultation', disposition: 'Fixed - drum replaced' }),
    ];

    const traits = computeTraits(facts, { now: atDay(4) });

    expect(traits.complaints).toMatchObject({ open: 1, closed: 1, averageResponseHours: 72, closedWithinTarget: 0 });
    expect(traits.complaints.oldestOpenSince).toBe(new Date(day(1)).toISOString());
  });

  it('given a complaint call resolved on the spot in 12 minutes, when traits are computed, then it is opened and closed with a 0.2 h response', () => {
    const traits = computeTraits([call({ at: day(0), category: 'complaint', disposition: 'resolved', minutes: 12 })], {
      now: atDay(1),
    });

    expect(traits.complaints).toMatchObject({ open: 0, closed: 1, averageResponseHours: 0.2 });
  });

  it('given a follow-up call marked not_resolved, when traits are computed, then the complaint stays open', () => {
    const facts = [complaintCall(day(0)), call({ at: day(1), category: 'complaint', disposition: 'not_resolved' })];

    expect(computeTraits(facts, { now: atDay(2) }).complaints).toMatchObject({ open: 2, closed: 0 });
  });

  it('given a complaint_logged on the web and a complaint_resolved touchpoint, when traits are computed, then it is closed', () => {
    const facts = [
      web({ type: 'complaint_logged', at: day(0) }),
      web({ type: 'complaint_resolved', at: hoursAfter(day(0), 6) }),
    ];

    expect(computeTraits(facts, { now: atDay(1) }).complaints).toMatchObject({
      open: 0,
      closed: 1,
      averageResponseHours: 6,
    });
  });

  it('given a resolution call with no complaint open, when traits are computed, then nothing is opened or closed', () => {
    const facts = [call({ at: day(0), category: 'purchase', disposition: 'closed' })];

    expect(computeTraits(facts, { now: atDay(1) }).complaints).toMatchObject({ open: 0, closed: 0 });
  });
});
