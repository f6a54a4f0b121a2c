import type { Identifier, Touchpoint } from '@c360/touchpoint';
import { touchpointId } from '@c360/touchpoint';
import { callComplaint, emailClicked, posSale, webProductViewed } from '@c360/touchpoint/testing';

/** One synthetic person and every identifier they use. */
export interface Person {
  index: number;
  email: string;
  phone: string | null;
  loyaltyCards: string[];
  userId: string | null;
}

export interface Population {
  people: Person[];
  /** In arrival order; each person's touchpoints are connected through shared identifiers. */
  touchpoints: Touchpoint[];
  /** touchpointId → person index, to check the outcome. */
  personOf: Map<string, number>;
}

/** A small deterministic PRNG (mulberry32), so a population is the same on every run. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEMPLATES = [webProductViewed, posSale, callComplaint, emailClicked] as const;

/**
 * `people` persons with 2–4 identifiers each (one e-mail; 60 % a loyalty card, a
 * quarter of those 2–3; most a phone; some a user id), and `touchpoints` touchpoints
 * spread over web, POS, call center and e-mail, each carrying one or two of its
 * person's identifiers. Each person's first touchpoint (a sign-up) carries all their
 * identifiers, so however the rest arrive — in any order, through any partition —
 * identity resolution must end with exactly one customer per person.
 */
export function population(options: { people: number; touchpoints: number; seed?: number }): Population {
  const rand = random(options.seed ?? 42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const people: Person[] = Array.from({ length: options.people }, (_, index) => {
    const cards = rand() < 0.6 ? (rand() < 0.25 ? 2 + Math.floor(rand() * 2) : 1) : 0;
    return {
      index,
      email: `person${index}@example.com`,
      phone: rand() < 0.7 ? `+4420${String(70000000 + index).padStart(8, '0')}` : null,
      loyaltyCards: Array.from({ length: cards }, (_, c) => `LOY-${index}-${c}`),
      userId: rand() < 0.4 ? `user-${index}` : null,
    };
  });
  const identifiersOf = (person: Person): Identifier[] => [
    { type: 'email', value: person.email },
    ...(person.phone ? [{ type: 'phone' as const, value: person.phone }] : []),
    ...person.loyaltyCards.map((value) => ({ type: 'loyalty_id' as const, value })),
    ...(person.userId ? [{ type: 'user_id' as const, value: person.userId }] : []),
  ];

  const touchpoints: Touchpoint[] = [];
  const personOf = new Map<string, number>();
  const start = Date.UTC(2026, 0, 1);
  for (let i = 0; i < options.touchpoints; i += 1) {
    const person = i < people.length ? people[i]! : pick(people);
    const all = identifiersOf(person);
    const carried = i < people.length ? all : pickSome(all, 1 + Math.floor(rand() * 2), rand);
    const template = pick(TEMPLATES);
    const source = { ...template.source, sourceId: `population-${options.seed ?? 42}-${i}` };
    const at = start + i * 1_000;
    const touchpoint: Touchpoint = {
      ...template,
      touchpointId: touchpointId(source),
      source,
      occurredAt: at,
      receivedAt: at + 250,
      identifiers: carried,
      traits: i < people.length ? { name: JSON.stringify(`Person ${person.index}`) } : {},
    };
    touchpoints.push(touchpoint);
    personOf.set(touchpoint.touchpointId, person.index);
  }
  return { people, touchpoints, personOf };
}

function pickSome<T>(items: readonly T[], count: number, rand: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rand() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, Math.min(count, copy.length));
}
