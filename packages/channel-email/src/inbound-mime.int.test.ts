import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollectorHarness, type CollectorHarness } from '@c360/channels/testing';
import { touchpointId, type Touchpoint } from '@c360/touchpoint';
import { inboundMimeAdapter } from './index';
import { admin, contextOf, counts, emailPayload, eventually, fixture, post } from './test-support';

const PATH = '/v1/email/inbound';
const RFC822 = { contentType: 'message/rfc822' };
const NOW = new Date('2026-03-25T12:00:00Z');
const idOf = (messageId: string) => touchpointId({ system: 'inbound-email', sourceId: messageId });

describe('inbound MIME adapter', () => {
  let harness: CollectorHarness;
  beforeAll(async () => {
    harness = await startCollectorHarness({
      adapters: [inboundMimeAdapter({ maxBytes: 256 * 1024 })],
      channel: 'email',
      now: () => NOW,
    });
  });
  afterAll(async () => harness.close());

  const receive = async (eml: string): Promise<Touchpoint> => {
    const response = await post(harness, PATH, fixture(`mime/${eml}`), RFC822);
    expect(response).toMatchObject({ status: 202, body: { status: 'accepted' } });
    const touchpoint = (await harness.touchpoints()).find((t) => t.touchpointId === response.body.touchpointId);
    if (!touchpoint) throw new Error(`touchpoint ${String(response.body.touchpointId)} was not published`);
    return touchpoint;
  };

  it('given a plain-text message, when received, then an email_received touchpoint names its sender', async () => {
    const raw = fixture('mime/plain-text.eml');
    const t = await receive('plain-text.eml');
    expect(t).toMatchObject({
      touchpointId: idOf('<CAF3x9QmT2o0r4=Yp7vK1mZ@mail.example.de>'),
      channel: 'email',
      type: 'email_received',
      occurredAt: Date.parse('2026-03-17T08:12:44Z'),
      receivedAt: NOW.getTime(),
      identifiers: [{ type: 'email', value: 'anna.schmidt@example.de' }],
      consent: null,
    });
    expect(t.source).toMatchObject({
      adapter: 'inbound-mime',
      rawSha256: createHash('sha256').update(raw).digest('hex'),
    });
    expect(emailPayload(t)).toMatchObject({
      messageId: '<CAF3x9QmT2o0r4=Yp7vK1mZ@mail.example.de>',
      subject: 'Frage zu meiner Bestellung 100234',
      from: 'anna.schmidt@example.de',
      to: ['kundendienst@shop.example.ch'],
      inReplyTo: null,
    });
    expect(emailPayload(t).snippet).toContain('Können Sie mir bitte');
    expect(contextOf(t)).toMatchObject({
      fromName: 'Anna Schmidt',
      occurredAtSource: 'date_header',
      messageIdSource: 'header',
    });
  });

  it('given a multipart message with a PDF, when received, then the attachment is summarised and its content not stored', async () => {
    const t = await receive('multipart-attachment.eml');
    expect(contextOf(t).attachments).toEqual([
      { filename: 'invoice-2026-0042.pdf', contentType: 'application/pdf', size: 1455 },
    ]);
    expect(contextOf(t).cc).toEqual([
      { address: 'buchhaltung@shop.example.ch', name: 'Buchhaltung' },
      { address: 'ops@shop.example.ch', name: null },
    ]);
    expect(emailPayload(t).snippet).toBe('Hello,\n\nplease find invoice 2026-0042 attached.\n\nBest regards,\nMarco\n');
    // Neither the decoded PDF nor its base64 transfer encoding travels with the touchpoint.
    expect(JSON.stringify(t)).not.toContain('Catalog');
    expect(JSON.stringify(t)).not.toContain('JVBERi0xLjQK');
  });

  it('given RFC 2047 encoded Chinese and German subject and names, when received, then they are decoded', async () => {
    const t = await receive('encoded-words.eml');
    expect(emailPayload(t).subject).toBe('关于订单 100987 的问题 – Grüße aus Zürich');
    expect(contextOf(t)).toMatchObject({ fromName: '张伟', toNames: ['Jörg Müller'] });
    expect(t.identifiers).toEqual([{ type: 'email', value: 'zhang.wei@example.cn' }]);
    expect(emailPayload(t).snippet).toContain('我的订单 100987');
    expect(t.occurredAt).toBe(Date.parse('2026-03-19T00:30:00Z'));
  });

  it('given a reply, when received, then In-Reply-To is kept', async () => {
    expect(emailPayload(await receive('reply.eml')).inReplyTo).toBe('<20260317113000.77aa@shop.example.ch>');
  });

  it("given an HTML-only message, when received, then the text body is the parser's rendering of the HTML", async () => {
    const t = await receive('html-only.eml');
    expect(emailPayload(t).subject).toBe('Proposition de partenariat – été 2026');
    expect(emailPayload(t).snippet).toMatch(/Nous aimerions vous proposer un partenariat/);
    expect(emailPayload(t).snippet).not.toContain('<p>');
  });

  it('given a message without Message-ID, when received twice, then its id is the sha256 of the raw message both times', async () => {
    const raw = fixture('mime/no-message-id.eml');
    const sourceId = `sha256:${createHash('sha256').update(raw).digest('hex')}`;
    const first = await receive('no-message-id.eml');
    const second = await receive('no-message-id.eml');
    expect([first.touchpointId, second.touchpointId]).toEqual([idOf(sourceId), idOf(sourceId)]);
    expect(emailPayload(first).messageId).toBe('');
    expect(contextOf(first).messageIdSource).toBe('sha256');
  });

  it('given a Date header decades ahead, when received, then occurredAt is receivedAt and the reason is noted', async () => {
    const t = await receive('future-date.eml');
    expect(t.occurredAt).toBe(NOW.getTime());
    expect(contextOf(t)).toMatchObject({
      occurredAtSource: 'received_at',
      dateNote: 'in_future',
      dateHeader: 'Mon, 1 Jan 2099 00:00:00 +0000',
    });
  });

  it('given bytes that are not a message, when posted, then 202 quarantined as not_mime with the raw bytes kept', async () => {
    const before = await counts(harness);
    const garbage = randomBytes(2048);
    const response = await post(harness, PATH, garbage, RFC822);
    expect(response).toMatchObject({ status: 202, body: { status: 'quarantined', reasons: ['not_mime'] } });
    const last = (await harness.quarantined()).at(-1)!;
    expect(last).toMatchObject({ adapter: 'inbound-mime', reason: 'not_mime', contentType: 'message/rfc822' });
    expect(Buffer.from(last.rawBase64, 'base64').equals(garbage)).toBe(true);
    expect(await counts(harness)).toEqual({ touchpoints: before.touchpoints, quarantined: before.quarantined + 1 });
  });

  it('given a message without From, when quarantined and then repaired via the admin API, then its touchpoint arrives', async () => {
    const raw = fixture('mime/no-from.eml').toString('utf8');
    const response = await post(harness, PATH, raw, RFC822);
    expect(response.body).toMatchObject({ status: 'quarantined', reasons: ['missing_from'] });
    const id = (response.body.quarantineIds as string[])[0]!;
    await eventually(async () => {
      const list = await admin(harness, 'GET', '/v1/admin/quarantine');
      return (list.body.quarantine as { id: string }[]).find((r) => r.id === id);
    });
    const repaired = `From: "Jörg Müller" <Joerg.Mueller@example.de>\r\n${raw}`;
    const resubmitted = await admin(harness, 'POST', `/v1/admin/quarantine/${id}/resubmit`, { raw: repaired });
    expect(resubmitted.body).toMatchObject({ accepted: 1, quarantined: 0, status: 'resubmitted' });
    const t = (await harness.touchpoints()).find((x) => x.touchpointId === idOf('<no-from-1@example.net>'));
    expect(t?.identifiers).toEqual([{ type: 'email', value: 'joerg.mueller@example.de' }]);
  });

  it('given a wrong Content-Type, an empty body, an oversized message or no write key, then 4xx and nothing is written', async () => {
    const before = await counts(harness);
    const eml = fixture('mime/plain-text.eml');
    const wrongType = await post(harness, PATH, eml, { contentType: 'application/json' });
    expect(wrongType).toMatchObject({ status: 415, body: { code: 'unsupported_content_type' } });
    expect(await post(harness, PATH, '', RFC822)).toMatchObject({ status: 400, body: { code: 'empty_body' } });
    const oversized = Buffer.concat([eml, Buffer.alloc(300 * 1024, 'a')]);
    expect(await post(harness, PATH, oversized, RFC822)).toMatchObject({
      status: 413,
      body: { code: 'payload_too_large' },
    });
    expect((await post(harness, PATH, eml, { ...RFC822, authorization: null })).status).toBe(401);
    expect(await counts(harness)).toEqual(before);
  });
});
