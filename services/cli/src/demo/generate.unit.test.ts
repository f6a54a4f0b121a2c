import { describe, expect, it } from 'vitest';
import { containsCardNumber } from '@c360/channels';
import { generateDemo, planCounts } from './generate';
import { DAY_MS, type DemoPlan } from './model';
import { DEMO_NUMBERS } from './numbers';

const NOW = new Date('2026-11-23T12:00:00Z');
const plan = generateDemo({ seed: 'unit', people: 300, now: NOW });

const idsOf = (p: DemoPlan) => ({
  receipts: p.receipts.map((r) => `${r.storeId}/${r.registerId}/${r.receiptNumber}`),
  calls: p.calls.map((c) => c.ContactId),
  email: p.emailEvents.map((e) => e.sg_event_id),
  web: p.webCalls.map((c) => c.messageId),
});
const cents = (text: unknown) => Math.round(Number(text) * 100);

describe('generateDemo: a reproducible population', () => {
  it('given the same seed, people and now, when generated twice, then the plans are equal', () => {
    expect(generateDemo({ seed: 'unit', people: 300, now: NOW })).toEqual(plan);
  });

  it('given a later now, when generated, then every id is the same and only the timestamps move', () => {
    const later = generateDemo({ seed: 'unit', people: 300, now: new Date(NOW.getTime() + 3 * DAY_MS) });
    expect(idsOf(later)).toEqual(idsOf(plan));
    expect(later.receipts[0]!.occurredAt).not.toEqual(plan.receipts[0]!.occurredAt);
  });

  it('given another seed, when generated, then no id, phone or e-mail is shared', () => {
    const other = generateDemo({ seed: 'another', people: 300, now: NOW });
    for (const [kind, ids] of Object.entries(idsOf(other))) {
      const mine = new Set(idsOf(plan)[kind as keyof ReturnType<typeof idsOf>]);
      expect(
        ids.filter((id) => mine.has(id)),
        kind,
      ).toEqual([]);
    }
    const emails = new Set(plan.people.map((p) => p.email));
    expect(other.people.filter((p) => emails.has(p.email))).toEqual([]);
  });

  it('given a larger population, when generated, then the first people are unchanged', () => {
    const small = generateDemo({ seed: 'unit', people: 40, now: NOW });
    expect(plan.people.slice(0, 35)).toEqual(small.people.slice(0, 35));
  });

  it('when generated, then identifiers are unique per person except the households’ family e-mails', () => {
    const unique = (values: string[]) => new Set(values).size === values.length;
    expect(unique(plan.people.map((p) => p.phone))).toBe(true);
    expect(unique(plan.people.flatMap((p) => p.loyaltyCards.map((c) => c.number)))).toBe(true);
    expect(unique(plan.people.flatMap((p) => (p.userId ? [p.userId] : [])))).toBe(true);
    expect(unique(plan.people.filter((p) => !p.sharedEmail).map((p) => p.email))).toBe(true);
  });
});

describe('generateDemo: the CRM practice it promises', () => {
  const holders = plan.people.filter((p) => p.loyaltyCards.length > 0);
  const multi = holders.filter((p) => p.loyaltyCards.length > 1);

  it('then about 60 % carry a loyalty card and about a quarter of those carry 2–3 cards of different chains', () => {
    expect(holders.length / plan.people.length).toBeGreaterThan(DEMO_NUMBERS.loyaltyCardShare - 0.1);
    expect(holders.length / plan.people.length).toBeLessThan(DEMO_NUMBERS.loyaltyCardShare + 0.1);
    expect(multi.length / holders.length).toBeGreaterThan(0.15);
    expect(multi.length / holders.length).toBeLessThan(0.35);
    for (const person of multi) {
      expect(person.loyaltyCards.length).toBeLessThanOrEqual(3);
      expect(new Set(person.loyaltyCards.map((c) => c.chain)).size).toBe(person.loyaltyCards.length);
      // Every card is used, and its first receipt carries the phone: what joins the cards.
      for (const card of person.loyaltyCards) {
        const first = plan.receipts.find((r) => (r.loyaltyCardIds as string[] | undefined)?.includes(card.number));
        if (first) expect(first.customer).toMatchObject({ phone: person.phone });
      }
    }
    const used = (p: (typeof multi)[number]) =>
      p.loyaltyCards.filter((card) =>
        plan.receipts.some((r) => (r.loyaltyCardIds as string[] | undefined)?.includes(card.number)),
      ).length;
    expect(multi.filter((p) => used(p) >= 2).length / multi.length).toBeGreaterThan(0.8);
  });

  it('then households share a family e-mail only where every adult has an account of their own, and it never goes on a receipt or a call', () => {
    const shared = plan.people.filter((p) => p.sharedEmail);
    expect(new Set(shared.map((p) => p.householdId)).size).toBeGreaterThanOrEqual(2);
    for (const person of shared) {
      expect(shared.filter((p) => p.email === person.email).length).toBeGreaterThanOrEqual(2);
      expect(person.userId).not.toBeNull();
    }
    const familyEmails = new Set(shared.map((p) => p.email));
    const text = JSON.stringify([plan.receipts, plan.calls]);
    for (const email of familyEmails) expect(text).not.toContain(email);
  });

  it('then a staple is bought on the household cycle: 10 kg of rice for 4 people about every 17 days', () => {
    const rice4 = plan.people.find((p) => p.staple?.sku === 'RICE-JAS-10KG' && p.householdSize === 4);
    expect(rice4?.staple?.cycleDays).toBe(17);
    for (const person of plan.people.filter((p) => p.staple && (plan.facts.stapleDays[p.personId]?.length ?? 0) >= 5)) {
      const days = plan.facts.stapleDays[person.personId]!;
      const gaps = days
        .slice(1)
        .map((d, i) => days[i]! - d)
        .sort((a, b) => a - b);
      const median = gaps[Math.floor(gaps.length / 2)]!;
      expect(Math.abs(median - person.staple!.cycleDays)).toBeLessThanOrEqual(
        Math.max(2, person.staple!.cycleDays * 0.25),
      );
    }
  });

  it('then complaints exist and most are closed by a later call-back whose disposition says resolved', () => {
    const { complaints } = plan.facts;
    expect(complaints.length).toBeGreaterThan(10);
    const closed = complaints.filter((c) => c.resolvedBy);
    expect(closed.length / complaints.length).toBeGreaterThan(0.6);
    for (const complaint of closed) {
      const opened = plan.calls.find((c) => c.ContactId === complaint.contactId)!;
      const resolution = plan.calls.find((c) => c.ContactId === complaint.resolvedBy)!;
      expect(opened.Attributes).toMatchObject({ category: 'complaint' });
      expect(resolution).toMatchObject({ InitiationMethod: 'CALLBACK', PreviousContactId: complaint.contactId });
      expect((resolution.Attributes as { disposition: string }).disposition).toMatch(/^(resolved|closed|fixed)\b/);
      expect(Date.parse(resolution.InitiationTimestamp as string)).toBeGreaterThan(
        Date.parse(opened.InitiationTimestamp as string),
      );
    }
  });

  it('then e-mail campaigns carry deliveries, opens, clicks, unsubscribes and bounces', () => {
    const kinds = new Set(plan.emailEvents.map((e) => e.event));
    expect([...kinds].sort()).toEqual(['bounce', 'click', 'delivered', 'open', 'unsubscribe']);
    const delivered = plan.emailEvents.filter((e) => e.event === 'delivered').length;
    const opened = plan.emailEvents.filter((e) => e.event === 'open').length;
    expect(opened / delivered).toBeGreaterThan(DEMO_NUMBERS.openRate - 0.05);
    expect(opened / delivered).toBeLessThan(DEMO_NUMBERS.openRate + 0.05);
  });

  it('then web visitors browse anonymously first and identify later with their user id and e-mail', () => {
    for (const person of plan.people.filter((p) => p.userId)) {
      const calls = plan.webCalls.filter((c) => c.anonymousId === person.anonymousId);
      const identify = calls.findIndex((c) => c.type === 'identify');
      expect(identify).toBeGreaterThan(0);
      expect(calls.slice(0, identify).every((c) => c.userId === undefined)).toBe(true);
      expect(calls[identify]).toMatchObject({ userId: person.userId, traits: { email: person.email } });
    }
    expect(plan.webCalls.some((c) => c.event === 'Order Completed')).toBe(true);
  });

  it('then every receipt adds up, names its customer and holds nothing that looks like a payment card number', () => {
    for (const receipt of plan.receipts) {
      const lines = receipt.lines as { quantity: number; unitPrice: string }[];
      const sum = lines.reduce((total, l) => total + l.quantity * cents(l.unitPrice), 0);
      expect(cents(receipt.total)).toBe(sum - cents(receipt.discount ?? 0));
      expect(receipt.loyaltyCardIds ?? receipt.customer).toBeDefined();
    }
    expect(containsCardNumber(JSON.stringify(plan.receipts))).toBe(false);
    expect(plan.receipts.some((r) => r.originalReceiptNumber !== undefined)).toBe(true);
  });

  it('then nothing lies after now, and a default-sized run stays around 70 touchpoints a person', () => {
    const times = [
      ...plan.receipts.map((r) => Date.parse(r.occurredAt as string)),
      ...plan.calls.map((c) => Date.parse(c.DisconnectTimestamp as string)),
      ...plan.emailEvents.map((e) => (e.timestamp as number) * 1000),
      ...plan.webCalls.map((c) => Date.parse(c.timestamp as string)),
    ];
    expect(Math.max(...times)).toBeLessThan(NOW.getTime());
    expect(planCounts(plan).total / plan.people.length).toBeLessThan(90);
  });
});
