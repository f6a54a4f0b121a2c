import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceKeyStore } from '@c360/auth';
import { startCollectorHarness, type CollectorHarness } from '@c360/channels/testing';
import { touchpointId, type Touchpoint } from '@c360/touchpoint';
import { SENDGRID_MAX_BODY_BYTES, sendgridEventsAdapter } from './index';
import { contextOf, counts, emailPayload, fixture, fixtureJson, post } from './test-support';

const PATH = '/v1/email/sendgrid/events';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const idOf = (sgEventId: string) => touchpointId({ system: 'sendgrid', sourceId: sgEventId });

describe('SendGrid Event Webhook adapter', () => {
  let harness: CollectorHarness;
  const byId = async (): Promise<Map<string, Touchpoint>> =>
    new Map((await harness.touchpoints()).map((t) => [t.touchpointId, t]));

  beforeAll(async () => {
    harness = await startCollectorHarness({ adapters: [sendgridEventsAdapter()], channel: 'email' });
  });
  afterAll(async () => harness.close());

  it('given a batch with every event type, when posted, then each becomes its touchpoint and 200 follows', async () => {
    const events = fixtureJson('sendgrid/all-events.json');
    const response = await post(harness, PATH, fixture('sendgrid/all-events.json'));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ accepted: 10, quarantined: 0, quarantineIds: [] });

    const stored = await byId();
    const mapped = events.map((e) => stored.get(idOf(e.sg_event_id as string)));
    expect(mapped.map((t) => t?.type)).toEqual([
      'email_processed',
      'email_deferred',
      'email_delivered',
      'email_opened',
      'email_clicked',
      'email_bounced',
      'email_dropped',
      'spam_reported',
      'unsubscribed',
      'group_unsubscribed',
    ]);
    const [processed, deferred, , opened, clicked, bounced, dropped, spam, unsubscribed, groupUnsubscribed] =
      mapped as Touchpoint[];
    for (const [i, t] of (mapped as Touchpoint[]).entries()) {
      expect(t.channel).toBe('email');
      expect(t.occurredAt).toBe((events[i]!.timestamp as number) * 1000);
      expect(t.source).toMatchObject({
        system: 'sendgrid',
        sourceId: events[i]!.sg_event_id,
        adapter: 'sendgrid-events',
      });
      expect(t.source.rawSha256).toBe(sha256(JSON.stringify(events[i])));
      expect(emailPayload(t).messageId).toBe(events[i]!.sg_message_id);
      expect(emailPayload(t).provider).toBe('sendgrid');
    }
    // "Zoe.Angstrom@Example.CH" on the processed event: the identifier is normalised.
    expect(processed!.identifiers).toEqual([{ type: 'email', value: 'zoe.angstrom@example.ch' }]);
    expect(emailPayload(processed!)).toMatchObject({
      campaignId: '12345',
      campaignName: 'Frühlingsangebote – 20 % auf Crème-Sets',
      to: ['zoe.angstrom@example.ch'],
    });
    expect(contextOf(processed!)).toMatchObject({
      categories: ['newsletter', 'frühling-2026'],
      customArgs: { customer_tier: 'gold', crm_contact_id: 'c-00042' },
    });
    expect(contextOf(deferred!)).toMatchObject({ response: expect.stringContaining('421'), attempt: '1' });
    expect(contextOf(opened!)).toMatchObject({ ip: '203.0.113.45', machineOpen: false });
    expect(emailPayload(clicked!)).toMatchObject({
      clickedUrl: 'https://shop.example.ch/de/p/crème-brûlée-set?utm_source=newsletter',
      userAgent: expect.stringContaining('Macintosh'),
    });
    expect(emailPayload(bounced!)).toMatchObject({
      bounceType: 'bounce',
      bounceReason: expect.stringContaining('Benutzer unbekannt'),
      campaignName: 'transactional',
    });
    expect(contextOf(bounced!)).toMatchObject({ smtpStatus: '5.1.1', bounceClassification: 'Invalid Address' });
    expect(emailPayload(dropped!)).toMatchObject({ bounceType: null, bounceReason: 'Bounced Address' });
    expect(emailPayload(spam!).campaignName).toBe('促销活动');
    expect(contextOf(groupUnsubscribed!)).toMatchObject({ asmGroupId: 42 });
    // Only the three opt-out signals carry consent; the others say nothing about it.
    expect((mapped as Touchpoint[]).filter((t) => t.consent !== null).map((t) => [t.type, t.consent])).toEqual([
      ['spam_reported', { email_marketing: false }],
      ['unsubscribed', { email_marketing: false }],
      ['group_unsubscribed', { email_marketing: false }],
    ]);
    expect(unsubscribed!.identifiers[0]!.value).toBe('zoe.angstrom@example.ch');
  });

  it('given SendGrid re-sends a batch and repeats an sg_event_id, when posted, then the touchpoint ids repeat', async () => {
    const event = {
      email: 'dup@example.com',
      timestamp: 1773561000,
      event: 'open',
      sg_event_id: 'ZHVwLTAwMQ',
      sg_message_id: 'm-1',
    };
    const body = JSON.stringify([event, { ...event }]);
    const first = await post(harness, PATH, body);
    const again = await post(harness, PATH, body);
    expect([first.body.accepted, again.body.accepted]).toEqual([2, 2]);
    const ids = (await harness.touchpoints())
      .filter((t) => t.source.sourceId === 'ZHVwLTAwMQ')
      .map((t) => t.touchpointId);
    expect(ids).toHaveLength(4);
    expect(new Set(ids)).toEqual(new Set([idOf('ZHVwLTAwMQ')]));
  });

  it('given a body that is not JSON (cut off in transit), when posted, then 400 invalid_json and nothing is written', async () => {
    const before = await counts(harness);
    const whole = fixture('sendgrid/all-events.json').toString('utf8');
    for (const body of [whole.slice(0, whole.length / 2), 'not json at all', Buffer.from([0x5b, 0xff, 0xfe, 0x5d])]) {
      const response = await post(harness, PATH, body);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('invalid_json');
    }
    expect(await counts(harness)).toEqual(before);
  });

  it('given events with missing or mistyped fields, when posted, then the good one is accepted and each bad one quarantined with its path', async () => {
    const good = {
      email: 'ok@example.com',
      timestamp: 1773562000,
      event: 'delivered',
      sg_event_id: 'b2stMDAx',
      sg_message_id: 'm-2',
    };
    const bad = [
      { ...good, sg_event_id: 'YmFkLTAwMQ', timestamp: '1773562000' },
      { timestamp: 1773562000, event: 'delivered', sg_event_id: 'YmFkLTAwMg' },
      { ...good, sg_event_id: 'YmFkLTAwMw', email: 42 },
      { ...good, sg_event_id: 'YmFkLTAwNA', category: 7 },
      { ...good, sg_event_id: 'YmFkLTAwNQ', timestamp: 1773562000000 },
      { ...good, sg_event_id: undefined },
      'delivered',
    ];
    const before = await counts(harness);
    const response = await post(harness, PATH, JSON.stringify([good, ...bad]));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ accepted: 1, quarantined: 7 });

    const quarantined = (await harness.quarantined()).slice(before.quarantined);
    expect(quarantined.map((q) => [q.reason, q.issues.map((i) => i.path)])).toEqual([
      ['invalid_event', ['[1].timestamp']],
      ['invalid_event', ['[2].email']],
      ['invalid_event', ['[3].email']],
      ['invalid_event', ['[4].category']],
      ['invalid_event', ['[5].timestamp']],
      ['invalid_event', ['[6].sg_event_id']],
      ['invalid_event', ['[7]']],
    ]);
    // Each keeps exactly its own event as raw JSON, ready to be repaired alone.
    expect(quarantined.map((q) => JSON.parse(Buffer.from(q.rawBase64, 'base64').toString('utf8')))).toEqual(
      bad.map((b) => JSON.parse(JSON.stringify(b))),
    );
    expect(quarantined.every((q) => q.adapter === 'sendgrid-events' && q.contentType === 'application/json')).toBe(
      true,
    );
    expect((await byId()).has(idOf('b2stMDAx'))).toBe(true);
  });

  it('given an event dated more than a day ahead, when posted, then it is quarantined as invalid_touchpoint', async () => {
    const ahead = Math.floor(Date.now() / 1000) + 3 * 24 * 3600;
    const response = await post(
      harness,
      PATH,
      JSON.stringify([{ email: 'late@example.com', timestamp: ahead, event: 'open', sg_event_id: 'ZnV0dXJl' }]),
    );
    expect(response.body).toMatchObject({ accepted: 0, quarantined: 1 });
    expect((await harness.quarantined()).at(-1)).toMatchObject({ reason: 'invalid_touchpoint' });
  });

  it('given valid JSON that is not an array, when posted, then the whole body is quarantined as not_an_array', async () => {
    const body = JSON.stringify({
      email: 'single@example.com',
      timestamp: 1773563000,
      event: 'open',
      sg_event_id: 'c2luZ2xl',
    });
    const response = await post(harness, PATH, body);
    expect(response).toMatchObject({ status: 200, body: { accepted: 0, quarantined: 1 } });
    const last = (await harness.quarantined()).at(-1)!;
    expect(last.reason).toBe('not_an_array');
    expect(Buffer.from(last.rawBase64, 'base64').toString('utf8')).toBe(body);
  });

  it('given a body over 5 MB, when posted, then 413 payload_too_large and nothing is written', async () => {
    const before = await counts(harness);
    const filler = 'x'.repeat(SENDGRID_MAX_BODY_BYTES);
    const response = await post(harness, PATH, JSON.stringify([{ email: 'big@example.com', note: filler }]));
    expect(response.status).toBe(413);
    expect(response.body.code).toBe('payload_too_large');
    expect(await counts(harness)).toEqual(before);
  });

  it('given a missing, unknown or other-channel write key, when posted, then 401/403 and nothing is written', async () => {
    const before = await counts(harness);
    const body = fixture('sendgrid/all-events.json');
    const wrong = `Basic ${Buffer.from('wk_not_a_real_key:').toString('base64')}`;
    const { writeKey: webKey } = await sourceKeyStore(harness.db.sql).create({ name: 'web site', channel: 'web' });
    const webBasic = `Basic ${Buffer.from(`${webKey}:`).toString('base64')}`;
    expect((await post(harness, PATH, body, { authorization: null })).status).toBe(401);
    expect((await post(harness, PATH, body, { authorization: wrong })).status).toBe(401);
    expect((await post(harness, PATH, body, { authorization: `Bearer ${harness.adminToken}` })).status).toBe(401);
    expect((await post(harness, PATH, body, { authorization: webBasic })).status).toBe(403);
    expect(await counts(harness)).toEqual(before);
  });
});
