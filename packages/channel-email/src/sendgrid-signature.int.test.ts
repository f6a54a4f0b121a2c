import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollectorHarness, type CollectorHarness } from '@c360/channels/testing';
import { sendgridEventsAdapter, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './index';
import { counts, fixture, post } from './test-support';

const PATH = '/v1/email/sendgrid/events';
const p256 = () => generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
/** As SendGrid signs: ECDSA P-256 / SHA-256 over timestamp + raw body, base64 DER. */
const signature = (key: KeyObject, timestamp: string, body: Buffer) =>
  sign('sha256', Buffer.concat([Buffer.from(timestamp), body]), key).toString('base64');

describe('SendGrid Signed Event Webhook', () => {
  const sendgrid = p256();
  const impostor = p256();
  const body = fixture('sendgrid/all-events.json');
  const timestamp = '1773559900';
  let harness: CollectorHarness;

  beforeAll(async () => {
    const verificationKey = sendgrid.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    harness = await startCollectorHarness({ adapters: [sendgridEventsAdapter({ verificationKey })], channel: 'email' });
  });
  afterAll(async () => harness.close());

  const signed = (sig: string | undefined, ts: string | undefined) => ({
    headers: { ...(sig ? { [SIGNATURE_HEADER]: sig } : {}), ...(ts ? { [TIMESTAMP_HEADER]: ts } : {}) },
  });

  it('given a request signed with SendGrid key over timestamp + raw body, when posted, then it is accepted', async () => {
    const response = await post(
      harness,
      PATH,
      body,
      signed(signature(sendgrid.privateKey, timestamp, body), timestamp),
    );
    expect(response).toMatchObject({ status: 200, body: { accepted: 10, quarantined: 0 } });
  });

  it('given a tampered body, another key, another timestamp or no signature, when posted, then 401 and nothing is written', async () => {
    const before = await counts(harness);
    const good = signature(sendgrid.privateKey, timestamp, body);
    const tampered = Buffer.from(body.toString('utf8').replace('"unsubscribe"', '"open"'));
    const attempts = [
      { body: tampered, ...signed(good, timestamp) },
      { body, ...signed(signature(impostor.privateKey, timestamp, body), timestamp) },
      { body, ...signed(good, '1773559901') },
      { body, ...signed(undefined, timestamp) },
      { body, ...signed(good, undefined) },
      { body, ...signed('not-base64-der!!', timestamp) },
    ];
    for (const attempt of attempts) {
      const response = await post(harness, PATH, attempt.body, { headers: attempt.headers });
      expect(response.status).toBe(401);
      expect(response.body.code).toBe('unauthorized');
    }
    expect(await counts(harness)).toEqual(before);
  });

  it('given a verification key that is not a P-256 public key, when the adapter is built, then it fails at once', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'der', type: 'spki' });
    expect(() => sendgridEventsAdapter({ verificationKey: rsa.toString('base64') })).toThrow(/P-256/);
    expect(() => sendgridEventsAdapter({ verificationKey: 'bm90IGEga2V5' })).toThrow(/public key/);
    const pem = sendgrid.publicKey.export({ format: 'pem', type: 'spki' }).toString();
    expect(sendgridEventsAdapter({ verificationKey: pem }).name).toBe('sendgrid-events');
  });
});
