import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollectorHarness, type CollectorHarness } from '@c360/channels/testing';
import { touchpointId } from '@c360/touchpoint';
import { twilioVoiceAdapter } from './index';
import { admin, callPayload, eventually, fixture, post, withParams } from './test-support';

const PATH = '/v1/callcenter/twilio/status';
const FORM = 'application/x-www-form-urlencoded';

interface IndexedRecord {
  id: string;
  adapter: string;
  reason: string;
  status: string;
}

describe('Twilio Voice status callbacks: quarantine, repair and re-submit', () => {
  let harness: CollectorHarness;
  beforeAll(async () => {
    harness = await startCollectorHarness({ adapters: [twilioVoiceAdapter()], channel: 'call_center' });
  });
  afterAll(async () => harness.close());

  const indexed = (id: string, status = 'open') =>
    eventually(async () => {
      const list = await admin(harness, 'GET', `/v1/admin/quarantine?status=${status}`);
      return (list.body.quarantine as IndexedRecord[]).find((r) => r.id === id);
    });

  it('given a callback with an unknown direction, when posted, then 200 and it is quarantined — not dropped', async () => {
    const body = withParams(fixture('twilio/completed-inbound.form'), { Direction: 'trunking-originating' });
    expect((await post(harness, PATH, body, { contentType: FORM })).status).toBe(200);
    expect(await harness.touchpoints()).toHaveLength(0);
    const [message] = await harness.quarantined();
    expect(message).toMatchObject({ adapter: 'twilio-voice-status', reason: 'invalid_callback' });
    expect(message!.issues).toEqual([{ path: 'Direction', message: expect.stringContaining('outbound-dial') }]);
    expect(await indexed(message!.id)).toMatchObject({ reason: 'invalid_callback', status: 'open' });
  });

  it('given an unknown call status, then it is quarantined as unknown_call_status', async () => {
    const body = withParams(fixture('twilio/completed-inbound.form'), { CallStatus: 'answered-by-machine' });
    await post(harness, PATH, body, { contentType: FORM });
    expect((await harness.quarantined()).at(-1)).toMatchObject({ reason: 'unknown_call_status' });
  });

  it('given the quarantined callback re-submitted unrepaired, then it stays open', async () => {
    const [message] = await harness.quarantined();
    await indexed(message!.id);
    const again = await admin(harness, 'POST', `/v1/admin/quarantine/${message!.id}/resubmit`, {});
    expect(again).toMatchObject({ status: 200, body: { accepted: 0, quarantined: 1, status: 'open' } });
    expect(await harness.touchpoints()).toHaveLength(0);
  });

  it('given the callback repaired by an admin and re-submitted, then its touchpoint arrives and the record closes', async () => {
    const [message] = await harness.quarantined();
    const repaired = withParams(Buffer.from(message!.rawBase64, 'base64'), { Direction: 'inbound' });
    const resubmitted = await admin(harness, 'POST', `/v1/admin/quarantine/${message!.id}/resubmit`, {
      raw: repaired,
    });
    expect(resubmitted).toMatchObject({ status: 200, body: { accepted: 1, quarantined: 0, status: 'resubmitted' } });
    const [t] = await harness.touchpoints();
    expect(t).toMatchObject({
      touchpointId: touchpointId({ system: 'twilio', sourceId: 'CA5f3c2a1b0e9d8c7b6a5f4e3d2c1b0a99' }),
      identifiers: [{ type: 'phone', value: '+41791234567' }],
    });
    expect(callPayload(t!)).toMatchObject({ direction: 'inbound', talkSeconds: 187 });
    expect(await indexed(message!.id, 'resubmitted')).toMatchObject({ status: 'resubmitted' });
  });
});
