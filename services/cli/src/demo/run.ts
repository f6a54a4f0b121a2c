import { generateDemo, planCounts } from './generate';
import type { HttpOptions } from './http';
import { expectStatus, requestJson } from './http';
import type { DemoChannel, DemoPerson } from './model';
import { createSourceKeys, sendPlan } from './send';
import { waitForProfiles, type ProfilesSeen } from './verify';

export interface RunDemoOptions {
  /** The platform, e.g. http://localhost:8080. */
  url: string;
  /** A token with role admin (creates the source keys, reads the profiles). */
  adminToken: string;
  seed?: string;
  people?: number;
  /** Requests in flight at once. */
  concurrency?: number;
  /** End of the generated history; default the current time. Ids do not depend on it. */
  now?: Date;
  /** Wait until the query API shows every person's profile (default true). */
  wait?: boolean;
  waitTimeoutMs?: number;
  onProgress?: (event: DemoProgress) => void;
}

export type DemoProgress =
  | { phase: 'planned'; counts: Record<DemoChannel | 'total', number>; people: number }
  | { phase: 'sending'; channel: DemoChannel; sent: number; total: number; sentAll: number; totalAll: number }
  | { phase: 'sent'; sent: Record<DemoChannel, number> }
  | { phase: 'waiting'; seen: ProfilesSeen };

export interface DemoResult {
  seed: string;
  sent: Record<DemoChannel, number>;
  /** The people and the identifiers they were sent with. */
  people: Pick<
    DemoPerson,
    'personId' | 'householdId' | 'email' | 'phone' | 'loyaltyCards' | 'userId' | 'anonymousId'
  >[];
  /** What the query API showed at the end (absent with wait: false). */
  profiles?: ProfilesSeen & { complete: boolean };
}

export const DEFAULT_SEED = 'c360-demo';
/** About 70 touchpoints a person: 200 people take about 80 s on `npm start` (PGlite, two cores). */
export const DEFAULT_PEOPLE = 200;

/**
 * `npm run demo` / `c360 demo`: generates the population (see generateDemo) and sends it
 * through the real channel endpoints — so every profile is built by the pipeline — then
 * waits until the query API shows one profile per person.
 * @throws InfrastructureError `platform_unreachable` when nothing answers at `url`,
 *   `demo_request_refused` (with the endpoint's answer) when a request is refused.
 */
export async function runDemo(options: RunDemoOptions): Promise<DemoResult> {
  const seed = options.seed ?? DEFAULT_SEED;
  const http: HttpOptions = { url: options.url.replace(/\/+$/, '') };
  const progress = options.onProgress ?? (() => undefined);
  expectStatus(await requestJson(http, '/healthz'), 200, `GET ${http.url}/healthz`);

  const plan = generateDemo({ seed, people: options.people ?? DEFAULT_PEOPLE, now: options.now ?? new Date() });
  const counts = planCounts(plan);
  progress({ phase: 'planned', counts, people: plan.people.length });

  const keys = await createSourceKeys(http, options.adminToken, seed);
  const latest: Record<DemoChannel, number> = { pos: 0, call_center: 0, email: 0, web: 0 };
  const sent = await sendPlan({
    http,
    plan,
    keys,
    concurrency: options.concurrency ?? 4,
    onSent: ({ channel, sent: done }) => {
      latest[channel] = done;
      const sentAll = Object.values(latest).reduce((sum, n) => sum + n, 0);
      progress({ phase: 'sending', channel, sent: done, total: counts[channel], sentAll, totalAll: counts.total });
    },
  });
  progress({ phase: 'sent', sent });

  const result: DemoResult = {
    seed,
    sent,
    people: plan.people.map(({ personId, householdId, email, phone, loyaltyCards, userId, anonymousId }) => ({
      personId,
      householdId,
      email,
      phone,
      loyaltyCards,
      userId,
      anonymousId,
    })),
  };
  if (options.wait === false) return result;
  const waited = await waitForProfiles({
    http,
    adminToken: options.adminToken,
    plan,
    expectedTouchpoints: counts.total,
    timeoutMs: options.waitTimeoutMs ?? 600_000,
    onPoll: (seen) => progress({ phase: 'waiting', seen }),
  });
  return { ...result, profiles: { ...waited.seen, complete: waited.complete } };
}
