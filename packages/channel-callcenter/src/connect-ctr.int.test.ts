import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollectorHarness, type CollectorHarness } from '@c360/channels/testing';
import { touchpointId, type Touchpoint } from '@c360/touchpoint';
import { amazonConnectAdapter } from './index';
import { callPayload, contextOf, counts, fixture, fixtureJson, post } from './test-support';

const PATH = '/v1/callcenter/connect/ctr';
const idOf = (contactId: string) => touchpointId({ system: 'amazon-connect', sourceId: contactId });
const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');
const ctrs = () => fixtureJson('connect/ctrs.json');

describe('Amazon Connect CTR adapter', () => {
  let harness: CollectorHarness;
  const byId = async (): Promise<Map<string, Touchpoint>> =>
    new Map((await harness.touchpoints()).map((t) => [t.touchpointId, t]));

  beforeAll(async () => {
    harness = await startCollectorHarness({ adapters: [amazonConnectAdapter()], channel: 'call_center' });
  });
  afterAll(async () => harness.close());

  it('given an array of CTRs, when posted, then each becomes a complete call touchpoint on the bus', async () => {
    const records = ctrs();
    const response = await post(harness, PATH, fixture('connect/ctrs.json'));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ accepted: 3, touchpointIds: records.map((r) => idOf(r.ContactId as string)) });

    const stored = await byId();
    const [purchase, callback, complaint] = records.map((r) => stored.get(idOf(r.ContactId as string))!);
    for (const [i, t] of [purchase!, callback!, complaint!].entries()) {
      expect(t.channel).toBe('call_center');
      expect(t.source).toMatchObject({
        system: 'amazon-connect',
        sourceId: records[i]!.ContactId,
        adapter: 'amazon-connect-ctr',
        rawSha256: sha256(JSON.stringify(records[i])),
      });
    }
    expect(purchase).toMatchObject({ type: 'call_completed', occurredAt: Date.parse('2026-03-14T09:15:02Z') });
    expect(purchase!.identifiers).toEqual([
      { type: 'phone', value: '+41446681800' },
      { type: 'email', value: 'lena.fischer@example.ch' },
      { type: 'loyalty_id', value: '700123456789' },
    ]);
    expect(callPayload(purchase!)).toEqual({
      direction: 'inbound',
      queue: 'Orders',
      agentId: 'anna.mueller',
      agentName: 'Anna Müller',
      startedAt: Date.parse('2026-03-14T09:15:02Z'),
      endedAt: Date.parse('2026-03-14T09:23:05Z'),
      talkSeconds: 412,
      holdSeconds: 35,
      disposition: 'order placed',
      category: 'purchase',
      notes: 'Ordered 2 × 10 kg rice sacks, delivery Friday.',
    });
    expect(contextOf(purchase!)).toMatchObject({
      initiationMethod: 'INBOUND',
      systemNumber: '+41445551000',
      disconnectReason: 'CUSTOMER_DISCONNECT',
      agentArn: expect.stringContaining('/agent/'),
      attributes: { ivrLanguage: 'de-CH' },
    });

    expect(callPayload(callback!)).toMatchObject({
      direction: 'outbound',
      queue: 'Callback Requests',
      agentId: 'james.carter',
      agentName: null,
      category: 'consultation',
      talkSeconds: 655,
      holdSeconds: 0,
      disposition: null,
      startedAt: Date.parse('2026-03-14T15:01:58.412Z'),
    });
    expect(callback!.identifiers).toEqual([
      { type: 'phone', value: '+12126647665' },
      { type: 'customer_number', value: 'C-004211' },
    ]);
  });

  it('given a complaint call with Chinese notes, then it is complaint_logged and the notes round-trip intact', async () => {
    const complaint = (await byId()).get(idOf('e0a4c2b6-3d5f-4a7e-9c1b-8f2d6e4a0c3b'))!;
    expect(complaint.type).toBe('complaint_logged');
    expect(complaint.identifiers).toEqual([{ type: 'phone', value: '+8613800138000' }]);
    expect(callPayload(complaint)).toMatchObject({
      category: 'complaint',
      queue: '售后服务',
      agentName: '王芳',
      notes: '顾客投诉：洗衣机送货延迟三天，门把手损坏。已承诺24小时内派技术员上门。',
      startedAt: Date.parse('2026-03-14T18:30:10Z'),
      endedAt: Date.parse('2026-03-14T18:47:40Z'),
      talkSeconds: 930,
      holdSeconds: 120,
    });
  });

  it('given the same CTR re-sent, then it gets the same touchpointId', async () => {
    const [first] = ctrs();
    const again = await post(harness, PATH, JSON.stringify(first));
    expect(again.body).toEqual({ accepted: 1, touchpointIds: [idOf(first!.ContactId as string)] });
    const ids = (await harness.touchpoints())
      .map((t) => t.touchpointId)
      .filter((id) => id === idOf(first!.ContactId as string));
    expect(ids).toHaveLength(2);
  });

  it('given a lone abandoned CTR from a withheld number, then it has no phone identifier and no agent', async () => {
    const response = await post(harness, PATH, fixture('connect/abandoned-withheld.json'));
    expect(response.status).toBe(200);
    const t = (await byId()).get(idOf('0f9e8d7c-6b5a-4c3d-8e2f-1a0b9c8d7e6f'))!;
    expect(t.identifiers).toEqual([]);
    expect(t.source.rawSha256).toBe(sha256(fixture('connect/abandoned-withheld.json')));
    expect(contextOf(t)).toMatchObject({ callerNumber: 'anonymous' });
    expect(callPayload(t)).toMatchObject({ agentId: null, talkSeconds: 0, holdSeconds: 0, category: 'information' });
  });

  it('given a wrong write key or none, then 401 and nothing is published', async () => {
    const before = await counts(harness);
    const wrong = `Basic ${Buffer.from('wk_not_a_key:').toString('base64')}`;
    expect((await post(harness, PATH, fixture('connect/ctrs.json'), { authorization: wrong })).status).toBe(401);
    expect((await post(harness, PATH, fixture('connect/ctrs.json'), { authorization: null })).status).toBe(401);
    expect(await counts(harness)).toEqual(before);
  });

  describe('given an invalid record in a batch, then 400 names its index and field path and nothing is published', () => {
    const rejected = async (change: (records: Record<string, unknown>[]) => void) => {
      const records = ctrs();
      change(records);
      const before = await counts(harness);
      const response = await post(harness, PATH, JSON.stringify(records));
      expect(await counts(harness)).toEqual(before);
      expect(response.status).toBe(400);
      return response.body as { code: string; details: { issues: { path: string; message: string }[] } };
    };

    it('when a date does not exist (30 February)', async () => {
      const body = await rejected((r) => void (r[1]!.InitiationTimestamp = '2026-02-30T15:01:58Z'));
      expect(body.code).toBe('validation_failed');
      expect(body.details.issues).toEqual([{ path: '[1].InitiationTimestamp', message: 'is not a date that exists' }]);
    });

    it('when ContactId is missing', async () => {
      const body = await rejected((r) => void delete r[2]!.ContactId);
      expect(body.details.issues).toEqual([{ path: '[2].ContactId', message: 'is required' }]);
    });

    it('when fields have the wrong types', async () => {
      const body = await rejected((r) => {
        (r[0]!.Agent as Record<string, unknown>).AgentInteractionDuration = '412';
        (r[0]!.Attributes as Record<string, unknown>).loyaltyId = 70012345;
        r[1]!.Queue = 'Callback Requests';
        r[2]!.InitiationMethod = 'MONITOR';
      });
      expect(body.details.issues.map((i) => i.path)).toEqual([
        '[0].Agent.AgentInteractionDuration',
        '[0].Attributes.loyaltyId',
        '[1].Queue',
        '[2].InitiationMethod',
      ]);
    });

    it('when the category is not a call class, or the e-mail attribute is not an address', async () => {
      const body = await rejected((r) => {
        (r[0]!.Attributes as Record<string, unknown>).category = 'sales';
        (r[1]!.Attributes as Record<string, unknown>).customerEmail = 'not-an-address';
      });
      expect(body.details.issues).toEqual([
        { path: '[0].Attributes.category', message: 'must be one of purchase, information, consultation, complaint' },
        { path: '[1].Attributes.customerEmail', message: expect.any(String) },
      ]);
    });

    it('when the call ends before it starts', async () => {
      const body = await rejected((r) => void (r[0]!.DisconnectTimestamp = '2026-03-14T09:00:00Z'));
      expect(body.details.issues[0]!.path).toBe('[0].DisconnectTimestamp');
    });
  });

  it('given a body that is not JSON, then 400 invalid_json', async () => {
    const response = await post(harness, PATH, '{"ContactId": "x",');
    expect(response).toMatchObject({ status: 400, body: { code: 'invalid_json' } });
  });
});
