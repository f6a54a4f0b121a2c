import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@c360/config';
import { startPlatform, type RunningPlatform } from '@c360/platform';
import { generateDemo } from './generate';
import { runDemo, type DemoResult } from './run';

const ADMIN = 'at_demo_e2e_0123456789abcdef';
const SEED = 'e2e';
const PEOPLE = 20;
const NOW = new Date('2026-11-20T12:00:00Z');
const auth = { authorization: `Bearer ${ADMIN}` };

type Profile = {
  customerId: string;
  touchpointCount: number;
  identifiers: { type: string; value: string }[];
  computed: { complaints: { open: number; closed: number } };
};

/**
 * `npm run demo` against a real embedded platform: the population goes in through the
 * channel endpoints, and what the query API shows was built by the pipeline — one
 * profile per person (several cards merged, family e-mail not gluing adults), the
 * hotline complaints in the contact history, and a second run changing nothing.
 */
describe('the demo through a running platform (embedded default)', () => {
  let dataDir: string;
  let platform: RunningPlatform;
  const plan = generateDemo({ seed: SEED, people: PEOPLE, now: NOW });
  let first: DemoResult;

  const get = async <T>(path: string): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${platform.url}${path}`, { headers: auth });
    return { status: response.status, body: (await response.json()) as T };
  };
  const demoOptions = () => ({
    url: platform.url,
    adminToken: ADMIN,
    seed: SEED,
    people: PEOPLE,
    now: NOW,
    waitTimeoutMs: 240_000,
  });
  const lookup = async (type: string, value: string) =>
    get<Profile>(`/v1/customers/lookup?${new URLSearchParams({ type, value })}`);
  const metrics = async () => {
    const text = await (await fetch(`${platform.url}/metrics`, { headers: auth })).text();
    const value = (pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? 0);
    return {
      created: value(/^c360_ingestor_identity_decisions_total\{decision="customer_created"\} (\d+)/m),
      merges: value(/^c360_ingestor_identity_decisions_total\{decision="merge"\} (\d+)/m),
      conflicts: value(/^c360_ingestor_identity_decisions_total\{decision="conflict"\} (\d+)/m),
      recorded: value(/^c360_ingestor_touchpoints_total\{outcome="recorded"\} (\d+)/m),
      duplicates: value(/^c360_ingestor_touchpoints_total\{outcome="duplicate"\} (\d+)/m),
    };
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'c360-demo-'));
    platform = await startPlatform(
      loadConfig({
        C360_DATA_DIR: dataDir,
        C360_PORT: '0',
        C360_BOOTSTRAP_ADMIN_TOKEN: ADMIN,
        C360_LOG_LEVEL: 'warn',
      }),
    );
    first = await runDemo(demoOptions());
  }, 300_000);
  afterAll(async () => {
    await platform?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('given the e2e seed, then its plan holds what the checks below need', () => {
    const usedCards = (personId: string) =>
      plan.people
        .find((p) => p.personId === personId)!
        .loyaltyCards.filter((card) =>
          plan.receipts.some((r) => (r.loyaltyCardIds as string[] | undefined)?.includes(card.number)),
        );
    expect(plan.people.some((p) => usedCards(p.personId).length >= 2)).toBe(true);
    expect(plan.people.filter((p) => p.sharedEmail).length).toBeGreaterThanOrEqual(2);
    expect(plan.facts.complaints.length).toBeGreaterThan(0);
    expect(plan.people.some((p) => p.anonymousId)).toBe(true);
  });

  it('when the demo ran, then every touchpoint was accepted and there is exactly one profile per person', async () => {
    expect(first.sent).toEqual({
      pos: plan.receipts.length,
      call_center: plan.calls.length,
      email: plan.emailEvents.length,
      web: plan.webCalls.length,
    });
    expect(first.profiles).toMatchObject({ complete: true, people: PEOPLE, profiles: PEOPLE, missing: 0 });
    const m = await metrics();
    expect(m.created - m.merges).toBe(PEOPLE);
    expect(m.recorded).toBe(first.profiles!.expectedTouchpoints);
  });

  it('then a person’s several loyalty cards, phone, e-mail and anonymous browser all lead to one profile', async () => {
    for (const person of plan.people) {
      const id = first.profiles!.customerIds[person.personId];
      const used = person.loyaltyCards.filter((card) =>
        plan.receipts.some((r) => (r.loyaltyCardIds as string[] | undefined)?.includes(card.number)),
      );
      for (const card of used) expect((await lookup('loyalty_id', card.number)).body.customerId).toBe(id);
      if (person.anonymousId) expect((await lookup('anonymous_id', person.anonymousId)).body.customerId).toBe(id);
      if (person.userId) expect((await lookup('user_id', person.userId)).body.customerId).toBe(id);
      if (!person.sharedEmail) expect((await lookup('email', person.email)).body.customerId).toBe(id);
    }
  });

  it('then the adults sharing a family e-mail stay apart, the family e-mail with one of them, and the refusal is recorded', async () => {
    const adults = plan.people.filter((p) => p.sharedEmail && p.email === plan.people[0]!.email);
    const ids = adults.map((p) => first.profiles!.customerIds[p.personId]);
    expect(new Set(ids).size).toBe(adults.length);
    expect(ids).toContain((await lookup('email', adults[0]!.email)).body.customerId);
    expect((await metrics()).conflicts).toBeGreaterThan(0);
  });

  it('then a hotline complaint is in the caller’s contact history and computed traits', async () => {
    const complaint = plan.facts.complaints[0]!;
    const id = first.profiles!.customerIds[complaint.personId]!;
    const profile = await get<Profile>(`/v1/customers/${id}`);
    const { open, closed } = profile.body.computed.complaints;
    expect(open + closed).toBeGreaterThanOrEqual(1);
    const contacts = await get<{ items: { type: string; summary: { category?: string } }[] }>(
      `/v1/customers/${id}/contacts?channel=call_center&limit=100`,
    );
    expect(contacts.body.items.some((c) => c.type === 'complaint_logged' && c.summary.category === 'complaint')).toBe(
      true,
    );
  });

  it('when the demo runs again with the same seed, then no customer and no contact is added', async () => {
    const before = await metrics();
    const again = await runDemo(demoOptions());
    expect(again.profiles).toMatchObject({ complete: true, profiles: PEOPLE });
    expect(again.profiles!.customerIds).toEqual(first.profiles!.customerIds);
    expect(again.profiles!.touchpoints).toBe(first.profiles!.touchpoints);
    // Every re-sent touchpoint reached the ingestor and was recognised as already recorded.
    for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
      if ((await metrics()).duplicates >= before.duplicates + again.profiles!.expectedTouchpoints) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const after = await metrics();
    expect(after.duplicates - before.duplicates).toBe(again.profiles!.expectedTouchpoints);
    expect({ created: after.created, merges: after.merges, recorded: after.recorded }).toEqual({
      created: before.created,
      merges: before.merges,
      recorded: before.recorded,
    });
  }, 300_000);
});
