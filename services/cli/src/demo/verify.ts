import { bearer, expectStatus, requestJson, sleep, type HttpOptions } from './http';
import type { DemoPerson, DemoPlan } from './model';

export interface ProfilesSeen {
  people: number;
  /** Distinct live profiles the people's phone numbers lead to. */
  profiles: number;
  /** People whose phone number no profile holds yet. */
  missing: number;
  /** Σ touchpointCount over those profiles, and what the plan sent. */
  touchpoints: number;
  expectedTouchpoints: number;
  /** personId → customerId (null while missing). */
  customerIds: Record<string, string | null>;
}

interface Seen {
  customerId: string;
  touchpointCount: number;
}

export const isComplete = (seen: ProfilesSeen): boolean =>
  seen.missing === 0 && seen.profiles === seen.people && seen.touchpoints >= seen.expectedTouchpoints;

/** Each person looked up by phone (every person has one, and no one else holds it). */
async function lookUp(
  options: { http: HttpOptions; adminToken: string; concurrency?: number },
  people: readonly DemoPerson[],
): Promise<Map<string, Seen | null>> {
  const found = new Map<string, Seen | null>();
  let next = 0;
  const worker = async () => {
    while (next < people.length) {
      const person = people[next++]!;
      const query = new URLSearchParams({ type: 'phone', value: person.phone });
      const answer = await requestJson(options.http, `/v1/customers/lookup?${query}`, {
        headers: bearer(options.adminToken),
      });
      if (answer.status === 404) {
        found.set(person.personId, null);
        continue;
      }
      const profile = expectStatus(answer, 200, `GET /v1/customers/lookup (${person.personId})`) as Seen;
      found.set(person.personId, { customerId: profile.customerId, touchpointCount: profile.touchpointCount });
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
  return found;
}

function summary(plan: DemoPlan, found: ReadonlyMap<string, Seen | null>, expectedTouchpoints: number): ProfilesSeen {
  const counts = new Map<string, number>();
  const customerIds: Record<string, string | null> = {};
  for (const person of plan.people) {
    const seen = found.get(person.personId) ?? null;
    customerIds[person.personId] = seen?.customerId ?? null;
    if (seen) counts.set(seen.customerId, seen.touchpointCount);
  }
  return {
    people: plan.people.length,
    profiles: counts.size,
    missing: Object.values(customerIds).filter((id) => id === null).length,
    touchpoints: [...counts.values()].reduce((sum, n) => sum + n, 0),
    expectedTouchpoints,
    customerIds,
  };
}

/** What the query API shows of the demo people now. */
export async function profilesSeen(options: {
  http: HttpOptions;
  adminToken: string;
  plan: DemoPlan;
  expectedTouchpoints: number;
  concurrency?: number;
}): Promise<ProfilesSeen> {
  return summary(options.plan, await lookUp(options, options.plan.people), options.expectedTouchpoints);
}

/**
 * Polls until every household is built — each adult found by phone in a profile of
 * their own, and the household's profiles holding all its planned touchpoints (the
 * family e-mail's campaign events may sit with either adult) — or `timeoutMs`. A built
 * household is not asked again, which keeps the polling light while the pipeline works;
 * a last full pass gives the answer. The pipeline is asynchronous (the channel endpoints
 * answer once touchpoints are on the bus), hence the polling.
 */
export async function waitForProfiles(options: {
  http: HttpOptions;
  adminToken: string;
  plan: DemoPlan;
  expectedTouchpoints: number;
  timeoutMs: number;
  intervalMs?: number;
  onPoll?: (seen: ProfilesSeen) => void;
}): Promise<{ seen: ProfilesSeen; complete: boolean }> {
  const { plan } = options;
  const households = new Map<string, DemoPerson[]>();
  for (const person of plan.people)
    households.set(person.householdId, [...(households.get(person.householdId) ?? []), person]);
  const found = new Map<string, Seen | null>();
  const built = new Set<string>();
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const pending = [...households].filter(([id]) => !built.has(id));
    const answers = await lookUp(
      options,
      pending.flatMap(([, members]) => members),
    );
    for (const [personId, seen] of answers) found.set(personId, seen);
    for (const [id, members] of pending) {
      const seen = members.map((m) => found.get(m.personId) ?? null);
      if (seen.some((s) => s === null)) continue;
      const profiles = new Map(seen.map((s) => [s!.customerId, s!.touchpointCount]));
      const expected = members.reduce((sum, m) => sum + (plan.facts.touchpointsByPerson[m.personId] ?? 0), 0);
      const held = [...profiles.values()].reduce((sum, n) => sum + n, 0);
      if (profiles.size === members.length && held >= expected) built.add(id);
    }
    const polled = summary(plan, found, options.expectedTouchpoints);
    options.onPoll?.(polled);
    const timedOut = Date.now() >= deadline;
    if (built.size === households.size || timedOut) {
      // this poll already asked for everyone: it is the full pass
      if (pending.length === households.size) return { seen: polled, complete: isComplete(polled) };
      const seen = await profilesSeen(options);
      options.onPoll?.(seen);
      return { seen, complete: isComplete(seen) };
    }
    await sleep(options.intervalMs ?? 1000);
  }
}
