import { AGENTS, CALL_SCRIPTS, HOTLINE_NUMBER, RESOLUTIONS } from './catalog';
import type { DemoClock } from './clock';
import type { DemoPerson } from './model';
import { DEMO_NUMBERS as N } from './numbers';
import { stableUuid, type Random } from './prng';

type Category = keyof typeof CALL_SCRIPTS;

export interface Hotline {
  calls: Record<string, unknown>[];
  complaints: { contactId: string; resolvedBy: string | null }[];
}

/**
 * A person's hotline calls as Amazon Connect contact trace records
 * (`/v1/callcenter/connect/ctr`): Poisson N.callsPerYear over their active time, sorted
 * into the cases' four classes. A complaint is usually closed by a call-back some hours
 * or days later whose disposition reads "resolved …" (the traits' resolution rule),
 * linked by PreviousContactId; a call-back that would fall after `now` leaves it open.
 * The caller is known by phone; on complaints the agent often notes card and e-mail
 * (never the shared family e-mail: see shopping.ts).
 */
export function hotline(options: { person: DemoPerson; seed: string; random: Random; clock: DemoClock }): Hotline {
  const { person, seed, random, clock } = options;
  const activeDays = person.activeFromDaysAgo - Math.max(1, person.activeUntilDaysAgo) + 1;
  const count = random.poisson((N.callsPerYear * activeDays) / 365);
  const calls: Record<string, unknown>[] = [];
  const complaints: Hotline['complaints'] = [];
  const weights = Object.entries(N.callCategoryWeights) as [Category, number][];
  for (let k = 0; k < count; k += 1) {
    const category = random.weighted(weights);
    const script = random.pick(CALL_SCRIPTS[category]);
    const contactId = stableUuid(seed, 'call', person.personId, k);
    const startedAt = clock.at(
      random.int(Math.max(1, person.activeUntilDaysAgo), person.activeFromDaysAgo),
      random.int(8 * 60, 19 * 60),
    );
    const attributes: Record<string, string> = { category, disposition: script.disposition, notes: script.notes };
    if (category === 'complaint') {
      if (person.loyaltyCards[0] && random.chance(N.agentNotesCardShare))
        attributes.loyaltyId = person.loyaltyCards[0].number;
      if (!person.sharedEmail && random.chance(N.agentNotesEmailShare)) attributes.customerEmail = person.email;
    }
    calls.push(ctr({ contactId, method: 'INBOUND', startedAt, random, clock, phone: person.phone, attributes }));
    if (category !== 'complaint') continue;

    const resolvedAt = !random.chance(N.complaintResolvedShare)
      ? null
      : startedAt +
        (random.chance(N.resolvedWithin24hShare) ? random.int(2, 20) * 3_600_000 : random.int(26, 240) * 3_600_000);
    if (resolvedAt === null || resolvedAt >= clock.now - 3_600_000) {
      complaints.push({ contactId, resolvedBy: null });
      continue;
    }
    const followUp = stableUuid(seed, 'call', person.personId, k, 'resolution');
    complaints.push({ contactId, resolvedBy: followUp });
    calls.push(
      ctr({
        contactId: followUp,
        method: 'CALLBACK',
        startedAt: resolvedAt,
        random,
        clock,
        phone: person.phone,
        previousContactId: contactId,
        attributes: {
          category: 'complaint',
          disposition: random.pick(RESOLUTIONS),
          notes: 'Called back: complaint closed with the customer.',
        },
      }),
    );
  }
  return { calls, complaints };
}

function ctr(options: {
  contactId: string;
  method: 'INBOUND' | 'CALLBACK';
  startedAt: number;
  random: Random;
  clock: DemoClock;
  phone: string;
  attributes: Record<string, string>;
  previousContactId?: string;
}): Record<string, unknown> {
  const { random, clock } = options;
  const agent = random.pick(AGENTS);
  const talk = random.int(90, 900);
  const hold = random.chance(0.3) ? random.int(10, 120) : 0;
  const queue = CALL_SCRIPTS[options.attributes.category as Category]?.[0]?.queue ?? 'General';
  return {
    AWSContactTraceRecordFormatVersion: '2017-03-10',
    ContactId: options.contactId,
    Channel: 'VOICE',
    InitiationMethod: options.method,
    InitiationTimestamp: clock.iso(options.startedAt),
    DisconnectTimestamp: clock.iso(options.startedAt + (talk + hold + 30) * 1000),
    DisconnectReason: options.method === 'INBOUND' ? 'CUSTOMER_DISCONNECT' : 'AGENT_DISCONNECT',
    CustomerEndpoint: { Address: options.phone, Type: 'TELEPHONE_NUMBER' },
    SystemEndpoint: { Address: HOTLINE_NUMBER, Type: 'TELEPHONE_NUMBER' },
    Queue: { Name: queue },
    Agent: { Username: agent.username, AgentInteractionDuration: talk, CustomerHoldDuration: hold },
    Attributes: { ...options.attributes, agentName: agent.name },
    ...(options.previousContactId
      ? { PreviousContactId: options.previousContactId, InitialContactId: options.previousContactId }
      : {}),
  };
}
