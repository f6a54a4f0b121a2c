import { AREA_CODES, CHAINS, EMAIL_DOMAINS, FIRST_NAMES, LAST_NAMES, STAPLES } from './catalog';
import type { DemoPerson, LoyaltyCard } from './model';
import { DEMO_NUMBERS as N } from './numbers';
import { stableHex, stableLetters, stableUuid, type Random } from './prng';

/** Phone numbers available: 100 fictional numbers (555-0100…0199) per area code. */
export const MAX_PEOPLE = AREA_CODES.length * 100;

const ALL_STORES = CHAINS.flatMap((chain) => chain.stores.map((store) => ({ chain, store })));

/**
 * The people of the demo, household by household. Each household draws from its own
 * stream (`seed`, `household`, j), so person i is the same whatever the population size
 * (only the last household may be cut short). Household 0 always shares one family
 * e-mail between its adults, so even a tiny demo exercises the shared-evidence guard.
 */
export function generatePeople(root: Random, seed: string, count: number): DemoPerson[] {
  if (count > MAX_PEOPLE) throw new RangeError(`at most ${MAX_PEOPLE} people (fictional phone numbers run out)`);
  const tag = stableLetters(2, 'demo', seed);
  const people: DemoPerson[] = [];
  for (let h = 0; people.length < count; h += 1) {
    const random = root.derive('household', h);
    const shared = h === 0 || random.chance(N.sharedEmailHouseholdShare);
    const adults = shared ? random.int(...N.sharedEmailAdults) : 1;
    const size = Math.max(adults, random.weighted(N.householdSizeWeights.map((w, i) => [i + 1, w] as const)));
    const lastName = random.pick(LAST_NAMES);
    const familyEmail = `${lastName.toLowerCase()}.family${h}@${random.pick(EMAIL_DOMAINS)}`;
    const staple = random.pick(STAPLES);
    for (let a = 0; a < adults && people.length < count; a += 1) {
      const index = people.length;
      const p = random.derive('adult', a);
      const firstName = p.pick(FIRST_NAMES);
      const email = shared
        ? familyEmail
        : `${firstName.toLowerCase()}.${lastName.toLowerCase()}${index}@${p.pick(EMAIL_DOMAINS)}`;
      const stores = p.sample(ALL_STORES, p.int(...N.storesPerShopper));
      const cards = loyaltyCards(p, stores, tag, index);
      const hasWeb = shared || p.chance(N.webAccountShare);
      const { from, until } = activity(p);
      const cycle = Math.round(staple.packSize / (size * staple.perPersonPerDay));
      people.push({
        personId: `p${String(index + 1).padStart(4, '0')}`,
        householdId: `h${String(h + 1).padStart(4, '0')}`,
        firstName,
        lastName,
        email,
        sharedEmail: shared,
        phone: phoneOf(seed, index),
        loyaltyCards: cards,
        userId: hasWeb ? `usr_${stableHex(12, seed, 'user', index)}` : null,
        anonymousId: hasWeb ? stableUuid(seed, 'anonymous', index) : null,
        householdSize: size,
        staple: a === 0 ? { sku: staple.sku, cycleDays: Math.max(7, cycle) } : null,
        stores: stores.map((s) => `store-${s.store}`),
        activeFromDaysAgo: from,
        activeUntilDaysAgo: until,
      });
    }
  }
  return people;
}

/**
 * +1 <area> 555-01NN: fictional, valid for libphonenumber, unique within a population.
 * The seed shifts where its block starts, so two seeds sent to one platform rarely share
 * a number (when they do, those two people merge — as with a recycled number).
 */
function phoneOf(seed: string, index: number): string {
  const slot = (index + parseInt(stableHex(8, 'phones', seed), 16)) % MAX_PEOPLE;
  return `+1${AREA_CODES[Math.floor(slot / 100)]!}55501${String(slot % 100).padStart(2, '0')}`;
}

/**
 * 60 % carry the card of their main store's chain; a quarter of those also carry the
 * card of one or two competing chains (CRM-PRACTICE), and then shop there too: a store of
 * each card's chain is added to `stores` when missing.
 */
function loyaltyCards(
  random: Random,
  stores: { chain: (typeof CHAINS)[number]; store: string }[],
  tag: string,
  index: number,
): LoyaltyCard[] {
  if (!random.chance(N.loyaltyCardShare)) return [];
  const main = stores[0]!.chain;
  const others = random.sample(
    CHAINS.filter((chain) => chain !== main),
    random.chance(N.multiCardShareOfHolders) ? random.int(1, 2) : 0,
  );
  const number = String(index + 1).padStart(6, '0');
  return [main, ...others].map((chain) => {
    if (!stores.some((s) => s.chain === chain)) stores.push({ chain, store: random.pick(chain.stores) });
    return { chain: chain.name, number: `${chain.cardPrefix}-${tag}-${number}` };
  });
}

function activity(random: Random): { from: number; until: number } {
  const from = random.chance(N.newCustomerShare) ? random.int(5, 90) : N.historyDays;
  const roll = random.next();
  if (from < N.historyDays) return { from, until: 0 };
  if (roll < N.lapsedShare) return { from, until: random.int(120, 300) };
  if (roll < N.lapsedShare + N.atRiskShare) return { from, until: random.int(40, 100) };
  return { from, until: 0 };
}
