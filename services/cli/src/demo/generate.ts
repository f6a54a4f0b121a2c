import { campaignEvents } from './campaigns';
import { demoClock } from './clock';
import { hotline } from './hotline';
import type { DemoFacts, DemoPlan } from './model';
import { generatePeople } from './people';
import { seededRandom, stableLetters } from './prng';
import { shopping } from './shopping';
import { webCalls } from './web';

export interface GenerateOptions {
  /** Any text; the same seed (and people) gives the same population and the same ids. */
  seed: string;
  people: number;
  /** The end of the history; timestamps move with it, ids do not. */
  now: Date;
}

/**
 * The demo population and everything each channel will receive — pure and
 * deterministic: no clock, no I/O, every random draw from streams derived from `seed`.
 * Ids (receipt numbers, ContactIds, sg_event_ids, messageIds) depend on the seed and
 * the person only, never on `now`, so a second run re-sends the same touchpoints.
 */
export function generateDemo(options: GenerateOptions): DemoPlan {
  const { seed } = options;
  if (!Number.isInteger(options.people) || options.people < 1) throw new RangeError('people must be an integer >= 1');
  const root = seededRandom('c360-demo', seed);
  const clock = demoClock(options.now);
  const tag = stableLetters(2, 'receipts', seed);
  const people = generatePeople(root, seed, options.people);
  const plan: DemoPlan = {
    seed,
    now: options.now.toISOString(),
    people,
    receipts: [],
    calls: [],
    emailEvents: [],
    webCalls: [],
    facts: { touchpointsByPerson: {}, complaints: [], stapleDays: {} },
  };
  const facts: DemoFacts = plan.facts;
  const subscribed = new Set<string>();

  people.forEach((person, index) => {
    const random = root.derive('person', index);
    const pos = shopping({ person, index, tag, random: random.derive('pos'), clock });
    const calls = hotline({ person, seed, random: random.derive('calls'), clock });
    // One subscription per address: the shared family e-mail is counted on its first adult.
    const mail = subscribed.has(person.email)
      ? []
      : campaignEvents({
          email: person.email,
          subscribedDaysAgo: person.activeFromDaysAgo,
          seed,
          random: random.derive('email'),
          clock,
        });
    subscribed.add(person.email);
    const web = webCalls({ person, seed, random: random.derive('web'), clock });

    plan.receipts.push(...pos.receipts);
    plan.calls.push(...calls.calls);
    plan.emailEvents.push(...mail);
    plan.webCalls.push(...web);
    facts.touchpointsByPerson[person.personId] = pos.receipts.length + calls.calls.length + mail.length + web.length;
    facts.complaints.push(...calls.complaints.map((c) => ({ personId: person.personId, ...c })));
    facts.stapleDays[person.personId] = pos.stapleDays;
  });
  return plan;
}

/** Touchpoints the plan sends, per channel and in all. */
export function planCounts(plan: DemoPlan) {
  const counts = {
    pos: plan.receipts.length,
    call_center: plan.calls.length,
    email: plan.emailEvents.length,
    web: plan.webCalls.length,
  };
  return { ...counts, total: counts.pos + counts.call_center + counts.email + counts.web };
}
