import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollectorHarness, type CollectorHarness } from '@c360/channels/testing';
import { touchpointId } from '@c360/touchpoint';
import { EMPTY_TWIML, twilioSignature, twilioVoiceAdapter } from './index';
import { callPayload, contextOf, counts, fixture, formParams, post, withParams } from './test-support';

const PATH = '/v1/callcenter/twilio/status';
const FORM = 'application/x-www-form-urlencoded';
const AUTH_TOKEN = '9f2c4e6a8b0d1f3e5a7c9b1d3f5e7a9c';
const idOf = (callSid: string) => touchpointId({ system: 'twilio', sourceId: callSid });

describe('Twilio Voice status callbacks, signature verified against the URL rebuilt from the request', () => {
  let harness: CollectorHarness;
  /** Twilio's documented algorithm, computed here independently of the adapter's verifier. */
  const sign = (body: Buffer | string) => twilioSignature(AUTH_TOKEN, `${harness.url}${PATH}`, formParams(body));
  const send = (body: Buffer | string, signature: string | null = sign(body)) =>
    post(harness, PATH, body, {
      contentType: FORM,
      headers: signature === null ? {} : { 'x-twilio-signature': signature },
    });

  beforeAll(async () => {
    harness = await startCollectorHarness({
      adapters: [twilioVoiceAdapter({ authToken: AUTH_TOKEN })],
      channel: 'call_center',
    });
  });
  afterAll(async () => harness.close());

  it('given a signed completed inbound call, then 200 empty TwiML and a call touchpoint with the caller in E.164', async () => {
    const body = fixture('twilio/completed-inbound.form');
    const response = await send(body);
    expect(response).toMatchObject({ status: 200, text: EMPTY_TWIML });
    expect(response.contentType).toContain('text/xml');

    const [t] = await harness.touchpoints();
    const ended = Date.parse('2026-03-14T10:12:41Z');
    expect(t).toMatchObject({
      touchpointId: idOf('CA5f3c2a1b0e9d8c7b6a5f4e3d2c1b0a99'),
      channel: 'call_center',
      type: 'call_completed',
      occurredAt: ended - 187_000,
      identifiers: [{ type: 'phone', value: '+41791234567' }],
      source: {
        system: 'twilio',
        adapter: 'twilio-voice-status',
        rawSha256: createHash('sha256').update(body).digest('hex'),
      },
    });
    expect(callPayload(t!)).toEqual({
      direction: 'inbound',
      queue: null,
      agentId: null,
      agentName: null,
      startedAt: ended - 187_000,
      endedAt: ended,
      talkSeconds: 187,
      holdSeconds: 0,
      disposition: null,
      category: 'information',
      notes: null,
    });
    expect(contextOf(t!)).toMatchObject({ twilioDirection: 'inbound', callStatus: 'completed', to: '+41445551000' });
  });

  it('given an unanswered outbound call, then the callee is the phone identifier and the status the disposition', async () => {
    expect((await send(fixture('twilio/no-answer-outbound.form'))).status).toBe(200);
    const t = (await harness.touchpoints()).find((x) => x.touchpointId === idOf('CA0a1b2c3d4e5f60718293a4b5c6d7e8f9'))!;
    expect(t.identifiers).toEqual([{ type: 'phone', value: '+12126647665' }]);
    expect(callPayload(t)).toMatchObject({ direction: 'outbound', disposition: 'no-answer', talkSeconds: 0 });
  });

  it('given a ringing progress callback, then 200 empty TwiML and no touchpoint', async () => {
    const before = await counts(harness);
    expect(await send(fixture('twilio/ringing-inbound.form'))).toMatchObject({ status: 200, text: EMPTY_TWIML });
    expect(await counts(harness)).toEqual(before);
  });

  it('given a completed callback re-sent by Twilio, then it carries the same touchpointId', async () => {
    await send(fixture('twilio/completed-inbound.form'));
    const ids = (await harness.touchpoints()).map((t) => t.touchpointId);
    expect(ids.filter((id) => id === idOf('CA5f3c2a1b0e9d8c7b6a5f4e3d2c1b0a99'))).toHaveLength(2);
  });

  it('given a bad, a missing or a tampered-with signature, then 401 and nothing is accepted or quarantined', async () => {
    const body = fixture('twilio/completed-inbound.form');
    const before = await counts(harness);
    expect((await send(body, 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=')).status).toBe(401);
    expect((await send(body, null)).status).toBe(401);
    const tampered = withParams(body, { CallDuration: '9999' });
    expect((await send(tampered, sign(body))).status).toBe(401);
    const otherToken = twilioSignature('another-token', `${harness.url}${PATH}`, formParams(body));
    expect((await send(body, otherToken)).status).toBe(401);
    expect(await counts(harness)).toEqual(before);
  });

  it('given a wrong write key, then 401 even with a good signature', async () => {
    const body = fixture('twilio/completed-inbound.form');
    const wrong = `Basic ${Buffer.from('wk_not_a_key:').toString('base64')}`;
    const response = await post(harness, PATH, body, {
      contentType: FORM,
      authorization: wrong,
      headers: { 'x-twilio-signature': sign(body) },
    });
    expect(response.status).toBe(401);
  });

  it('given a signed callback with an impossible date, then 200 to Twilio and it is quarantined with the path', async () => {
    const before = await counts(harness);
    const body = fixture('twilio/impossible-date.form');
    expect((await send(body)).status).toBe(200);
    expect(await counts(harness)).toEqual({ touchpoints: before.touchpoints, quarantined: before.quarantined + 1 });
    const message = (await harness.quarantined()).at(-1)!;
    expect(message).toMatchObject({
      adapter: 'twilio-voice-status',
      channel: 'call_center',
      reason: 'invalid_callback',
      contentType: FORM,
      issues: [{ path: 'Timestamp', message: 'is not a date that exists' }],
    });
    expect(Buffer.from(message.rawBase64, 'base64')).toEqual(body);
  });
});

describe('Twilio Voice status callbacks behind a proxy (publicUrl)', () => {
  let harness: CollectorHarness;
  const PUBLIC = 'https://collector.example.com';
  beforeAll(async () => {
    harness = await startCollectorHarness({
      adapters: [twilioVoiceAdapter({ authToken: AUTH_TOKEN, publicUrl: `${PUBLIC}/` })],
      channel: 'call_center',
    });
  });
  afterAll(async () => harness.close());

  it('given a signature over the public URL, then it is accepted; one over the internal URL is not', async () => {
    const body = fixture('twilio/completed-inbound.form');
    const good = twilioSignature(AUTH_TOKEN, `${PUBLIC}${PATH}`, formParams(body));
    const internal = twilioSignature(AUTH_TOKEN, `${harness.url}${PATH}`, formParams(body));
    const headers = (signature: string) => ({ contentType: FORM, headers: { 'x-twilio-signature': signature } });
    expect((await post(harness, PATH, body, headers(internal))).status).toBe(401);
    expect((await post(harness, PATH, body, headers(good))).status).toBe(200);
    expect(await harness.touchpoints()).toHaveLength(1);
  });
});
