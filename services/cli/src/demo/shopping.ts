import { CHAINS, PRODUCTS, STAPLES, type Product } from './catalog';
import { money, type DemoClock } from './clock';
import type { DemoPerson } from './model';
import { DEMO_NUMBERS as N } from './numbers';
import type { Random } from './prng';

export interface Shopping {
  receipts: Record<string, unknown>[];
  /** Days before now of each staple purchase. */
  stapleDays: number[];
}

interface Trip {
  daysAgo: number;
  staple: boolean;
  /** A trip made for the staple alone: a small basket. */
  extra: boolean;
}

/**
 * A person's till receipts (generic POS JSON, `/v1/pos/receipts`): about weekly trips to
 * their stores, the household staple on its cycle (on a trip within a day of it falling
 * due, else a trip of its own), coupons, and a few returns. A receipt names the card of
 * the store's chain when the person holds it, else the e-mail or phone given for an
 * e-receipt; the first receipt and the first use of each card carry phone and e-mail, as
 * an enrolment does — that is what joins a person's several cards into one profile.
 * The shared family e-mail never goes on a receipt: it would be weaker evidence than the
 * phone, and joining two adults through it is what the guard prevents.
 */
export function shopping(options: {
  person: DemoPerson;
  index: number;
  tag: string;
  random: Random;
  clock: DemoClock;
}) {
  const { person, random, clock } = options;
  const trips = tripsOf(person, random);
  const receipts: Record<string, unknown>[] = [];
  const usedCards = new Set<string>();
  const basketCents = Math.round(N.medianBasketCents * Math.exp(random.normal(0, N.basketSpread)));
  const staple = STAPLES.find((s) => s.sku === person.staple?.sku);
  const stapleDays: number[] = [];

  trips.forEach((trip, seq) => {
    const storeId = random.weighted(storeWeights(person));
    const storeNumber = storeId.slice('store-'.length);
    const chain = CHAINS.find((c) => c.stores.includes(storeNumber))!;
    const card = person.loyaltyCards.find((c) => c.chain === chain.name);
    const lines = basket(random, trip.extra ? Math.round(basketCents / 4) : basketCents);
    if (trip.staple && staple) {
      lines.unshift({
        sku: staple.sku,
        name: staple.name,
        category: staple.category,
        quantity: 1,
        cents: staple.cents,
      });
      stapleDays.push(trip.daysAgo);
    }
    const subtotal = lines.reduce((sum, line) => sum + line.quantity * line.cents, 0);
    const coupon = card && random.chance(N.couponShare) ? couponFor(lines) : null;
    const total = subtotal - (coupon?.cents ?? 0);
    const register = String(random.int(1, 6));
    const receiptNumber = `${storeNumber}-${register}-${options.tag}${options.index + 1}-${seq + 1}`;
    const occurredAt = clock.at(trip.daysAgo, random.int(8 * 60, 20 * 60));
    const enrol = seq === 0 || (card !== undefined && !usedCards.has(card.number));
    if (card) usedCards.add(card.number);
    const who = identification(person, card?.number ?? null, enrol);
    receipts.push({
      receiptNumber,
      storeId,
      registerId: register,
      cashierId: `c-${random.int(100, 140)}`,
      occurredAt: clock.iso(occurredAt),
      currency: 'USD',
      lines: lines.map(wireLine),
      ...(coupon ? { discount: money(coupon.cents), coupons: [coupon.code] } : {}),
      total: money(total),
      ...who,
      paymentMethod: random.pick(['card', 'card', 'cash', 'mobile']),
      ...(card ? { pointsEarned: Math.floor(total / 100) } : {}),
    });
    const returnDay = trip.daysAgo - random.int(1, 6);
    if (random.chance(N.returnShare) && returnDay >= 1) {
      const line = random.pick(lines);
      receipts.push({
        receiptNumber: `${receiptNumber}-R`,
        storeId,
        registerId: '1',
        occurredAt: clock.iso(clock.at(returnDay, random.int(9 * 60, 19 * 60))),
        currency: 'USD',
        originalReceiptNumber: receiptNumber,
        lines: [wireLine({ ...line, quantity: -1 })],
        total: money(-line.cents),
        ...who,
        paymentMethod: 'cash',
      });
    }
  });
  return { receipts, stapleDays } satisfies Shopping;
}

interface Line {
  sku: string;
  name: string;
  category: string;
  quantity: number;
  cents: number;
}

const wireLine = (line: Line) => ({
  sku: line.sku,
  name: line.name,
  category: line.category,
  quantity: line.quantity,
  unitPrice: money(line.cents),
});

function identification(person: DemoPerson, card: string | null, enrol: boolean): Record<string, unknown> {
  const personalEmail = person.sharedEmail ? {} : { email: person.email };
  if (card)
    return { loyaltyCardIds: [card], ...(enrol ? { customer: { phone: person.phone, ...personalEmail } } : {}) };
  if (enrol) return { customer: { phone: person.phone, ...personalEmail } };
  return { customer: person.sharedEmail ? { phone: person.phone } : personalEmail };
}

/** Half the trips go to the main store, the rest spread over the others. */
function storeWeights(person: DemoPerson): [string, number][] {
  const others = person.stores.length - 1;
  return person.stores.map((store, i) => [store, i === 0 || others === 0 ? 1 : 1 / others] as [string, number]);
}

function basket(random: Random, targetCents: number): Line[] {
  const lines: Line[] = [];
  let cents = 0;
  while (cents < targetCents && lines.length < 30) {
    const product: Product = random.pick(PRODUCTS);
    if (lines.some((l) => l.sku === product.sku)) continue;
    const quantity = random.chance(0.25) ? 2 : 1;
    lines.push({ ...product, quantity });
    cents += quantity * product.cents;
  }
  return lines;
}

function couponFor(lines: Line[]): { code: string; cents: number } {
  return lines.some((l) => l.sku.startsWith('RICE'))
    ? { code: 'RICE-2OFF', cents: 200 }
    : { code: 'SAVE-1', cents: Math.min(100, lines[0]!.cents) };
}

/**
 * About weekly trips (a person's own rhythm around N.meanDaysBetweenTrips) while active,
 * plus the staple: due every `cycleDays` ± jitter, bought on a trip within a day of the
 * due day or on an extra trip that day. Ordered oldest first (days ago descending).
 */
function tripsOf(person: DemoPerson, random: Random): Trip[] {
  const first = person.activeFromDaysAgo;
  const last = Math.max(1, person.activeUntilDaysAgo);
  const meanGap = N.meanDaysBetweenTrips * Math.exp(random.normal(0, 0.3));
  const days: number[] = [];
  for (let d = first - random.int(0, Math.round(meanGap)); d >= last;) {
    days.push(d);
    d -= Math.max(1, Math.round(random.normal(meanGap, 1.5)));
  }
  if (days.length === 0) days.push(Math.max(last, Math.min(first, last + 3)));
  const trips: Trip[] = days.map((daysAgo) => ({ daysAgo, staple: false, extra: false }));
  if (person.staple) {
    const cycle = person.staple.cycleDays;
    for (let due = first - random.int(0, cycle - 1); due >= last;) {
      const near = trips.find((t) => Math.abs(t.daysAgo - due) <= 1 && !t.staple);
      if (near) near.staple = true;
      else trips.push({ daysAgo: due, staple: true, extra: true });
      due -= Math.max(1, Math.round(cycle * (1 + random.normal(0, N.stapleJitterShare))));
    }
  }
  return trips.sort((a, b) => b.daysAgo - a.daysAgo);
}
