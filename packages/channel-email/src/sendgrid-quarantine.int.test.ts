import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollectorHarness, type CollectorHarness } from '@c360/channels/testing';
import { touchpointId } from '@c360/touchpoint';
import { sendgridEventsAdapter } from './index';
import { admin, eventually, post } from './test-support';

interface IndexedRecord {
  id: string;
  adapter: string;
  reason: string;
  status: string;
  issues: { path: string; message: string }[];
}

describe('SendGrid events: quarantine, repair and re-submit', () => {
  let harness: CollectorHarness;
  beforeAll(async () => {
    harness = await startCollectorHarness({ adapters: [sendgridEventsAdapter()], channel: 'email' });
  });
  afterAll(async () => harness.close());

  const indexed = (id: string, status = 'open') =>
    eventually(async () => {
      const list = await admin(harness, 'GET', `/v1/admin/quarantine?status=${status}`);
      return (list.body.quarantine as IndexedRecord[]).find((r) => r.id === id);
    });

  it('given an event type the adapter does not map, when posted, then it is quarantined — not dropped — and listed for admins', async () => {
    const event = {
      email: 'Neu@Example.com',
      timestamp: 1773564000,
      event: 'opened_v2',
      sg_event_id: 'bmV3LTAwMQ',
      sg_message_id: 'm-9',
    };
    const response = await post(harness, '/v1/email/sendgrid/events', JSON.stringify([event]));
    expect(response).toMatchObject({ status: 200, body: { accepted: 0, quarantined: 1 } });

    const [message] = await harness.quarantined();
    expect(message).toMatchObject({ adapter: 'sendgrid-events', channel: 'email', reason: 'unknown_event_type' });
    expect(message!.issues[0]).toMatchObject({ path: '[0].event', message: expect.stringContaining('opened_v2') });
    expect(JSON.parse(Buffer.from(message!.rawBase64, 'base64').toString('utf8'))).toEqual(event);

    const record = await indexed(message!.id);
    expect(record).toMatchObject({ adapter: 'sendgrid-events', reason: 'unknown_event_type', status: 'open' });
    const shown = await admin(harness, 'GET', `/v1/admin/quarantine/${message!.id}`);
    expect(JSON.parse(shown.body.raw as string)).toEqual(event);
  });

  it('given the quarantined event re-submitted unrepaired, then it stays quarantined and open', async () => {
    const [message] = await harness.quarantined();
    const again = await admin(harness, 'POST', `/v1/admin/quarantine/${message!.id}/resubmit`, {});
    expect(again).toMatchObject({ status: 200, body: { accepted: 0, quarantined: 1, status: 'open' } });
    expect(await harness.touchpoints()).toHaveLength(0);
  });

  it('given the event repaired by an admin and re-submitted, then its touchpoint arrives and the record is closed', async () => {
    const [message] = await harness.quarantined();
    const repaired = { ...JSON.parse(Buffer.from(message!.rawBase64, 'base64').toString('utf8')), event: 'open' };
    const resubmitted = await admin(harness, 'POST', `/v1/admin/quarantine/${message!.id}/resubmit`, {
      raw: JSON.stringify(repaired, null, 2),
    });
    expect(resubmitted).toMatchObject({ status: 200, body: { accepted: 1, quarantined: 0, status: 'resubmitted' } });

    const [touchpoint] = await harness.touchpoints();
    expect(touchpoint).toMatchObject({
      touchpointId: touchpointId({ system: 'sendgrid', sourceId: 'bmV3LTAwMQ' }),
      type: 'email_opened',
      identifiers: [{ type: 'email', value: 'neu@example.com' }],
      occurredAt: 1773564000_000,
    });
    expect(await indexed(message!.id, 'resubmitted')).toMatchObject({ status: 'resubmitted' });
  });

  it('given a repair that is not JSON, when re-submitted, then 400 invalid_json and the record stays open', async () => {
    const event = { email: 'x@example.com', timestamp: 1773564100, event: 'bounced', sg_event_id: 'bmV3LTAwMg' };
    await post(harness, '/v1/email/sendgrid/events', JSON.stringify([event]));
    const message = (await harness.quarantined()).at(-1)!;
    await indexed(message.id);
    const broken = await admin(harness, 'POST', `/v1/admin/quarantine/${message.id}/resubmit`, {
      raw: '{"event": "bounce",',
    });
    expect(broken).toMatchObject({ status: 400, body: { code: 'invalid_json' } });
    expect(await indexed(message.id, 'open')).toMatchObject({ status: 'open' });
  });

  it('given a whole body quarantined as not_an_array, when re-submitted as an array, then every event is accepted', async () => {
    const event = { email: 'whole@example.com', timestamp: 1773564200, event: 'delivered', sg_event_id: 'd2hvbGU' };
    await post(harness, '/v1/email/sendgrid/events', JSON.stringify({ events: [event] }));
    const message = (await harness.quarantined()).at(-1)!;
    expect(message.reason).toBe('not_an_array');
    await indexed(message.id);
    const resubmitted = await admin(harness, 'POST', `/v1/admin/quarantine/${message.id}/resubmit`, {
      raw: JSON.stringify([event]),
    });
    expect(resubmitted.body).toMatchObject({ accepted: 1, quarantined: 0, status: 'resubmitted' });
    expect((await harness.touchpoints()).map((t) => t.source.sourceId)).toContain('d2hvbGU');
  });
});
