import { CAMPAIGNS, USER_AGENTS } from './catalog';
import type { DemoClock } from './clock';
import { MINUTE_MS } from './model';
import { DEMO_NUMBERS as N } from './numbers';
import { stableHex, type Random } from './prng';

/**
 * The SendGrid Event Webhook events (`/v1/email/sendgrid/events`) of one subscribed
 * address: for every campaign sent since it subscribed, delivered or a hard bounce (the
 * address is then dropped), opens, clicks, and an unsubscribe that ends its mail.
 * One subscription per address: the household's family e-mail gets one newsletter.
 */
export function campaignEvents(options: {
  email: string;
  subscribedDaysAgo: number;
  seed: string;
  random: Random;
  clock: DemoClock;
}): Record<string, unknown>[] {
  const { email, seed, random, clock } = options;
  if (!random.chance(N.newsletterShare)) return [];
  const events: Record<string, unknown>[] = [];
  const sends = CAMPAIGNS.filter((c) => c.daysAgo <= options.subscribedDaysAgo).sort((a, b) => b.daysAgo - a.daysAgo);
  for (const campaign of sends) {
    const sentAt = clock.at(campaign.daysAgo, 9 * 60 + random.int(0, 120));
    const messageId = `${stableHex(14, seed, 'message', email, campaign.id)}.filter0001.${campaign.id}`;
    const common = {
      email,
      'smtp-id': `<${stableHex(16, seed, 'smtp', email, campaign.id)}@mail.example.com>`,
      category: [campaign.category],
      sg_message_id: messageId,
      marketing_campaign_id: campaign.id,
      marketing_campaign_name: campaign.name,
    };
    const event = (name: string, at: number, fields: Record<string, unknown> = {}) => {
      if (at >= clock.now) return false;
      events.push({
        ...common,
        event: name,
        timestamp: Math.floor(at / 1000),
        sg_event_id: stableHex(22, seed, 'sendgrid', email, campaign.id, name),
        ...fields,
      });
      return true;
    };
    const deliveredAt = sentAt + random.int(1, 5) * MINUTE_MS;
    if (random.chance(N.bounceRate)) {
      event('bounce', deliveredAt, {
        type: 'bounce',
        status: '5.1.1',
        reason: '550 5.1.1 The email account that you tried to reach does not exist.',
      });
      break;
    }
    event('delivered', deliveredAt, { response: '250 2.0.0 OK', ip: '149.72.123.24' });
    const openedAt = deliveredAt + random.int(10, 3 * 24 * 60) * MINUTE_MS;
    const opened = random.chance(N.openRate) && event('open', openedAt, openFields(random));
    if (opened && random.chance(N.clickGivenOpenRate)) {
      event('click', openedAt + random.int(5, 300) * 1000, { ...openFields(random), url: campaign.url });
    }
    if (random.chance(N.unsubscribeRate)) {
      if (event('unsubscribe', openedAt + random.int(1, 10) * MINUTE_MS)) break;
    }
  }
  return events;
}

const openFields = (random: Random) => ({
  useragent: random.pick(USER_AGENTS),
  ip: `203.0.113.${random.int(1, 254)}`,
  sg_machine_open: false,
});
