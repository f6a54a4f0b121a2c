import { PRODUCTS, USER_AGENTS, WEB_ORIGIN, WEB_PAGES } from './catalog';
import type { DemoClock } from './clock';
import type { DemoPerson } from './model';
import { MINUTE_MS } from './model';
import { DEMO_NUMBERS as N } from './numbers';
import { stableHex, type Random } from './prng';

/**
 * A person's web-shop activity as Segment calls (`/v1/batch`, analytics.js shaped):
 * anonymous sessions (anonymousId only) before signing up; the sign-up session's
 * `identify` with userId, e-mail and phone — which joins the anonymous history to the
 * person — and a `Signed Up` track; then signed-in sessions, some ending in an
 * `Order Completed` with revenue. `timestamp` without `sentAt`: a historical import,
 * kept as given.
 */
export function webCalls(options: { person: DemoPerson; seed: string; random: Random; clock: DemoClock }) {
  const { person, seed, random, clock } = options;
  if (!person.userId || !person.anonymousId) return [];
  const calls: Record<string, unknown>[] = [];
  const userAgent = random.pick(USER_AGENTS);
  const ip = `203.0.113.${random.int(1, 254)}`;
  let n = 0;
  const call = (at: number, body: Record<string, unknown>, path: string, title: string) => {
    n += 1;
    calls.push({
      ...body,
      messageId: `demo-${stableHex(24, seed, 'web', person.personId, n)}`,
      anonymousId: person.anonymousId,
      timestamp: clock.iso(at),
      context: {
        page: { url: `${WEB_ORIGIN}${path}`, path, title },
        userAgent,
        ip,
        library: { name: 'analytics.js', version: 'npm:next-1.70.0' },
      },
    });
  };
  const session = (at: number, signedIn: boolean) => {
    let t = at;
    for (const page of random.sample(WEB_PAGES, random.int(2, 4))) {
      const who = signedIn ? { userId: person.userId } : {};
      call(
        t,
        {
          type: 'page',
          ...who,
          name: page.title,
          properties: { path: page.path, url: `${WEB_ORIGIN}${page.path}`, title: page.title },
        },
        page.path,
        page.title,
      );
      t += random.int(20, 180) * 1000;
    }
    return t;
  };

  const last = Math.max(1, person.activeUntilDaysAgo);
  const signUpDay = random.int(last, person.activeFromDaysAgo);
  const anonymous = random.int(...N.anonymousSessions);
  for (let s = 0; s < anonymous; s += 1) {
    session(clock.at(signUpDay + random.int(1, 30), random.int(7 * 60, 23 * 60)), false);
  }
  let t = session(clock.at(signUpDay, random.int(7 * 60, 22 * 60)), false);
  const traits = { email: person.email, phone: person.phone, firstName: person.firstName, lastName: person.lastName };
  call(t, { type: 'identify', userId: person.userId, traits }, '/account/signup', 'Create your account');
  t += 1000;
  call(
    t,
    { type: 'track', userId: person.userId, event: 'Signed Up', properties: { method: 'email' } },
    '/account/welcome',
    'Welcome',
  );

  const months = Math.max(0, (signUpDay - last) / 30);
  const sessions = random.poisson(N.sessionsPerMonth * months);
  for (let s = 0; s < sessions; s += 1) {
    const end = session(clock.at(random.int(last, signUpDay), random.int(7 * 60, 23 * 60)), true);
    if (!random.chance(N.webOrderShare)) continue;
    const products = random.sample(PRODUCTS, random.int(2, 6)).map((p) => ({
      product_id: p.sku,
      sku: p.sku,
      name: p.name,
      category: p.category,
      price: p.cents / 100,
      quantity: 1,
    }));
    const total = products.reduce((sum, p) => sum + Math.round(p.price * 100), 0) / 100;
    const orderId = `W-${stableHex(10, seed, 'order', person.personId, s)}`;
    call(
      end + 2 * MINUTE_MS,
      {
        type: 'track',
        userId: person.userId,
        event: 'Order Completed',
        properties: { order_id: orderId, total, revenue: total, currency: 'USD', products },
      },
      '/checkout/complete',
      'Order complete',
    );
  }
  return calls;
}
