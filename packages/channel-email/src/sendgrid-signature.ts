import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/**
 * SendGrid's Signed Event Webhook
 * (https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/getting-started-event-webhook-security-features):
 * SendGrid signs `timestamp + raw body` with ECDSA P-256 / SHA-256 and sends the
 * base64 DER signature in `X-Twilio-Email-Event-Webhook-Signature`, the timestamp in
 * `X-Twilio-Email-Event-Webhook-Timestamp`. The verification key shown in the SendGrid
 * console is a base64 DER SubjectPublicKeyInfo (a PEM text is accepted too).
 * The body must be the bytes as received: re-serialised JSON would not verify.
 */
export const SIGNATURE_HEADER = 'x-twilio-email-event-webhook-signature';
export const TIMESTAMP_HEADER = 'x-twilio-email-event-webhook-timestamp';

export interface SignedRequest {
  signature: string | undefined;
  timestamp: string | undefined;
  body: Buffer;
}

/**
 * Builds a verifier for one verification key. Throws at once (start-up) when the key is
 * not a P-256 public key, so a misconfigured collector fails loudly instead of refusing
 * every webhook. The verifier returns false for a missing, malformed or wrong signature.
 */
export function sendgridSignatureVerifier(verificationKey: string): (request: SignedRequest) => boolean {
  const key = importKey(verificationKey);
  return ({ signature, timestamp, body }) => {
    if (!signature || !timestamp) return false;
    try {
      const signed = Buffer.concat([Buffer.from(timestamp, 'utf8'), body]);
      return verify('sha256', signed, { key, dsaEncoding: 'der' }, Buffer.from(signature, 'base64'));
    } catch {
      return false;
    }
  };
}

function importKey(text: string): KeyObject {
  let key: KeyObject;
  try {
    key = text.includes('-----BEGIN')
      ? createPublicKey(text)
      : createPublicKey({ key: Buffer.from(text.trim(), 'base64'), format: 'der', type: 'spki' });
  } catch (error) {
    throw new Error(`SendGrid verification key is not a base64 DER (or PEM) public key`, { cause: error });
  }
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new Error('SendGrid verification key must be an ECDSA P-256 (prime256v1) public key');
  }
  return key;
}
