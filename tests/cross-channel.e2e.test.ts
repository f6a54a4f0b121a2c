import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@c360/config';
import { startPlatform, type RunningPlatform } from '@c360/platform';

const ADMIN = 'at_cross_channel_0123456789abcdef';
const admin = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };
const basic = (key: string) => ({
  authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}`,
  'content-type': 'application/json',
});

/**
 * One shopper through three channels — a till receipt with her loyalty card and
 * e-mail, a hotline complaint from her phone (the agent notes her e-mail), a
 * newsletter unsubscribe to her e-mail — must end as one profile, with the basket
 * value and the call category in its contact history and computed traits.
 */
describe('a shopper across the till, the hotline and e-mail (embedded platform)', () => {
  let dataDir: string;
  let platform: RunningPlatform;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'c360-cross-'));
    platform = await startPlatform(
      loadConfig({ C360_DATA_DIR: dataDir, C360_PORT: '0', C360_BOOTSTRAP_ADMIN_TOKEN: ADMIN }),
    );
  }, 120_000);
  afterAll(async () => {
    await platform?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const sourceKey = async (channel: string) => {
    const response = await fetch(`${platform.url}/v1/admin/source-keys`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ name: `${channel} test source`, channel }),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { writeKey: string }).writeKey;
  };

  it('given a receipt, a complaint call and an unsubscribe, then one profile holds all three with value, category and consent', async () => {
    const [pos, call, email] = [await sourceKey('pos'), await sourceKey('call_center'), await sourceKey('email')];

    const receipt = await fetch(`${platform.url}/v1/pos/receipts`, {
      method: 'POST',
      headers: basic(pos),
      body: JSON.stringify({
        receiptNumber: 'R-1001',
        storeId: 'store-7',
        occurredAt: '2026-03-14T09:41:07Z',
        currency: 'USD',
        lines: [{ sku: 'RICE-10KG', name: 'Jasmine rice 10 kg', category: 'staples', quantity: 1, unitPrice: '18.49' }],
        total: '18.49',
        loyaltyCardIds: ['CARD-5521'],
        customer: { email: 'Maria.Gonzalez@example.com' },
      }),
    });
    expect(receipt.status).toBe(200);

    const complaint = await fetch(`${platform.url}/v1/callcenter/connect/ctr`, {
      method: 'POST',
      headers: basic(call),
      body: JSON.stringify({
        ContactId: 'c0ffee00-0000-4000-8000-000000000001',
        Channel: 'VOICE',
        InitiationMethod: 'INBOUND',
        InitiationTimestamp: '2026-03-15T10:00:00Z',
        DisconnectTimestamp: '2026-03-15T10:09:00Z',
        CustomerEndpoint: { Address: '+16502530000', Type: 'TELEPHONE_NUMBER' },
        Queue: { Name: 'Service' },
        Agent: { Username: 'agent.li', AgentInteractionDuration: 480, CustomerHoldDuration: 30 },
        Attributes: {
          category: 'complaint',
          disposition: 'refund promised',
          customerEmail: 'maria.gonzalez@example.com',
        },
      }),
    });
    expect(complaint.status).toBe(200);

    const unsubscribe = await fetch(`${platform.url}/v1/email/sendgrid/events`, {
      method: 'POST',
      headers: basic(email),
      body: JSON.stringify([
        {
          email: 'maria.gonzalez@example.com',
          timestamp: Date.parse('2026-03-16T08:00:00Z') / 1000,
          event: 'unsubscribe',
          sg_event_id: 'unsub-0001',
          sg_message_id: 'msg-0001.filter0001',
        },
      ]),
    });
    expect(unsubscribe.status).toBe(200);

    type Profile = {
      customerId: string;
      touchpointCount: number;
      channels: string[];
      identifiers: { type: string; value: string }[];
      computed: { lifetimeValue: number; complaints: { open: number }; consent: Record<string, boolean> };
    };
    let profile: Profile | undefined;
    for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
      const response = await fetch(`${platform.url}/v1/customers/lookup?type=loyalty_id&value=CARD-5521`, {
        headers: admin,
      });
      if (response.status === 200) {
        profile = (await response.json()) as Profile;
        if (profile.touchpointCount === 3) break;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }

    expect(profile?.touchpointCount).toBe(3);
    expect(profile!.channels.sort()).toEqual(['call_center', 'email', 'pos']);
    expect(profile!.identifiers).toEqual(
      expect.arrayContaining([
        { type: 'loyalty_id', value: 'CARD5521' },
        { type: 'email', value: 'maria.gonzalez@example.com' },
        { type: 'phone', value: '+16502530000' },
      ]),
    );
    expect(profile!.computed.lifetimeValue).toBe(1849);
    expect(profile!.computed.complaints.open).toBe(1);
    expect(profile!.computed.consent).toMatchObject({ email_marketing: false });

    const contacts = await fetch(`${platform.url}/v1/customers/${profile!.customerId}/contacts`, { headers: admin });
    const history = (await contacts.json()) as {
      items: { channel: string; type: string; summary: Record<string, unknown> }[];
    };
    expect(history.items.map((c) => c.channel)).toEqual(['email', 'call_center', 'pos']);
    expect(history.items[1]!.summary).toMatchObject({ category: 'complaint' });
    expect(history.items[2]!.summary).toMatchObject({ amount: 1849, currency: 'USD' });
  }, 120_000);
});
