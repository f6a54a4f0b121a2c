import { createHmac } from 'node:crypto';
import { normaliseIdentifier, type IdentityPolicy } from '@c360/identity';
import type { Identifier, IdentifierType } from '@c360/touchpoint';
import type { Reader } from './fields';

/**
 * Collects a record's identifiers, normalised as identity resolution will see them;
 * a value that is not one of its type is an issue at `field` (an e-mail a cashier
 * typed wrong must be fixed by the sender, not dropped silently).
 */
export class IdentifierList {
  readonly items: Identifier[] = [];
  constructor(
    private readonly reader: Reader,
    private readonly policy: IdentityPolicy,
  ) {}

  add(type: IdentifierType, value: string | null, field: string): void {
    if (value === null) return;
    const normalised = normaliseIdentifier({ type, value }, this.policy);
    if (normalised.status === 'invalid') {
      this.reader.fail(field, `is not a valid ${type}: ${normalised.reason}`);
      return;
    }
    if (!this.items.some((i) => i.type === type && i.value === normalised.value)) {
      this.items.push({ type, value: normalised.value });
    }
  }
}

/**
 * A payment token is kept only as HMAC-SHA256 under the collector's key (hex), so the
 * same card links visits without the token itself being stored or reversible by
 * anyone without the key.
 */
export const paymentTokenHash = (key: Buffer, token: string): string =>
  createHmac('sha256', key).update(token, 'utf8').digest('hex');
