import { describe, expect, it } from 'vitest';
import { computeTraits } from './compute';
import { atDay, call, day, surveyAnswer, web } from './test-facts';

describe('top-box satisfaction', () => {
  it('given five answers of 5 and five of 4, when traits are computed, then the top-box share is 0.5 (a 4 does not count)', () => {
    const facts = [5, 4, 5, 4, 5, 4, 5, 4, 5, 4].map((score, i) => surveyAnswer(day(i), score));

    const traits = computeTraits(facts, { now: atDay(11) });

    expect(traits.topBoxSatisfaction).toEqual({ answers: 10, topBox: 5, share: 0.5 });
  });

  it('given a `rating` property and an IVR survey after a call with the score in its context, when traits are computed, then both are answers', () => {
    const facts = [
      web({ type: 'survey_answered', at: day(0), properties: { rating: '5' } }),
      call({
        at: day(1),
        category: 'information',
        disposition: 'survey_done',
        type: 'survey_answered',
        context: { score: 3 },
      }),
    ];

    expect(computeTraits(facts, { now: atDay(2) }).topBoxSatisfaction).toEqual({ answers: 2, topBox: 1, share: 0.5 });
  });

  it('given a 0–10 answer of 9 and a product review, when traits are computed, then neither is a satisfaction answer', () => {
    const facts = [
      web({ type: 'survey_answered', at: day(0), properties: { score: 9 } }),
      web({ type: 'product_reviewed', at: day(1), properties: { rating: 5 } }),
    ];

    expect(computeTraits(facts, { now: atDay(2) }).topBoxSatisfaction).toBeNull();
  });
});
