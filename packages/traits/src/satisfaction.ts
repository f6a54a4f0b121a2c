import type { ContactFact } from './fact';
import type { TraitSettings } from './settings';
import { numberFrom } from './stats';

/** Xerox: a 5-of-5 customer is six times likelier to buy again than a 4 — only the top box counts. */
export interface TopBoxSatisfaction {
  answers: number;
  /** Answers of exactly `topBoxScore`. */
  topBox: number;
  /** topBox ÷ answers. */
  share: number;
}

/** Touchpoint types that carry a satisfaction answer (any channel). */
export const SURVEY_TYPES: ReadonlySet<string> = new Set(['survey_answered']);

/** Where the answer is read, first match wins: web `properties`, else `context` (an IVR or e-mail survey). */
export const SURVEY_SCORE_KEYS = ['score', 'rating', 'csat'] as const;

/**
 * The answer of a survey fact on the 1..topBoxScore scale, or null: not a survey type,
 * no score, or a score off the scale (a 0–10 NPS answer is not read as satisfaction).
 */
export function surveyScore(fact: ContactFact, settings: TraitSettings): number | null {
  if (!SURVEY_TYPES.has(fact.type)) return null;
  for (const source of [fact.properties, fact.context]) {
    if (!source) continue;
    for (const key of SURVEY_SCORE_KEYS) {
      const score = numberFrom(source[key]);
      if (score === null) continue;
      return Number.isInteger(score) && score >= 1 && score <= settings.topBoxScore ? score : null;
    }
  }
  return null;
}

/** Facts in chronological order; `latestScore` feeds the churn score. */
export function satisfactionOf(
  facts: readonly ContactFact[],
  settings: TraitSettings,
): { topBox: TopBoxSatisfaction | null; latestScore: number | null } {
  let answers = 0;
  let topBox = 0;
  let latestScore: number | null = null;
  for (const fact of facts) {
    const score = surveyScore(fact, settings);
    if (score === null) continue;
    answers += 1;
    if (score === settings.topBoxScore) topBox += 1;
    latestScore = score;
  }
  return { topBox: answers === 0 ? null : { answers, topBox, share: topBox / answers }, latestScore };
}
