import { ValidationError } from '@c360/errors';
import { describe, expect, it } from 'vitest';
import { encodeTouchpoint } from './codec';
import { callComplaint, emailClicked, posSale, webProductViewed } from './testing/examples';
import { touchpointId } from './touchpoint-id';
import { PAYLOAD_BRANCH, type Touchpoint } from './types';
import { touchpointIssues, validateTouchpoint } from './validate';

// These tests build deliberately ill-typed touchpoints, so the copies are untyped.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;
const copy = (tp: Touchpoint): Json => structuredClone(tp) as Json;
const paths = (value: unknown): string[] => touchpointIssues(value).map((i) => i.path);

describe('validateTouchpoint — structure (Avro schema)', () => {
  it('given the example touchpoints, when validated, then there is no issue', () => {
    for (const tp of [webProductViewed, callComplaint, posSale, emailClicked]) expect(touchpointIssues(tp)).toEqual([]);
  });

  it('given a fractional quantity on the third receipt line, when validated, then the issue path is payload.lines[2].quantity', () => {
    const tp = copy(posSale);
    tp['payload'][PAYLOAD_BRANCH.pos].lines[2].quantity = 1.5;
    expect(touchpointIssues(tp)).toEqual([
      { path: 'payload.lines[2].quantity', message: 'expected an integer (32-bit), got 1.5' },
    ]);
  });

  it('given several wrong fields, when validated, then every one is named', () => {
    const tp = copy(webProductViewed);
    tp['identifiers'][1].type = 'fax';
    tp['traits']['first name'] = 7;
    delete tp['occurredAt'];
    tp['channel'] = 'sms';
    expect(paths(tp).sort()).toEqual(['channel', 'identifiers[1].type', 'occurredAt', 'traits["first name"]']);
    expect(touchpointIssues(tp).find((i) => i.path === 'occurredAt')?.message).toMatch(/^is required/);
  });

  it('given fields the schema does not declare, at the root and inside the payload, when validated, then each is reported', () => {
    const tp = copy(posSale);
    tp['customerName'] = 'x';
    tp['payload'][PAYLOAD_BRANCH.pos].lines[0].colour = 'red';
    expect(paths(tp).sort()).toEqual(['customerName', 'payload.lines[0].colour']);
  });

  it('given a payload that names no union branch, when validated, then the issue is at payload', () => {
    const tp = copy(webProductViewed);
    tp['payload'] = { web: tp['payload'][PAYLOAD_BRANCH.web] };
    expect(touchpointIssues(tp)).toEqual([
      {
        path: 'payload',
        message: expect.stringMatching(
          /^expected null or an object with exactly one key, the branch name \(one of c360\.touchpoint\.WebPayload, /,
        ),
      },
    ]);
  });

  it('given an invalid value, when validateTouchpoint runs, then it throws ValidationError with the issues', () => {
    const tp = copy(posSale);
    tp['receivedAt'] = 'yesterday';
    expect(() => validateTouchpoint(tp)).toThrow(ValidationError);
    expect(() => validateTouchpoint(tp)).toThrow(/receivedAt: expected a safe integer, got "yesterday"/);
  });

  it('given an invalid value, when encoded, then the encoder refuses it with the same ValidationError', () => {
    const tp = copy(posSale);
    tp['payload'][PAYLOAD_BRANCH.pos].lines[1].quantity = '1';
    expect(() => encodeTouchpoint(tp as Touchpoint)).toThrow(
      expect.objectContaining({
        code: 'validation_failed',
        issues: [expect.objectContaining({ path: 'payload.lines[1].quantity' })],
      }),
    );
  });
});

describe('validateTouchpoint — semantic rules', () => {
  it('given an empty touchpointId, when validated, then touchpointId must be non-empty', () => {
    const tp = copy(webProductViewed);
    tp['touchpointId'] = ' ';
    expect(touchpointIssues(tp)).toEqual([{ path: 'touchpointId', message: 'must be non-empty' }]);
  });

  it('given a touchpointId not derived from the source, when validated, then the expected id is named', () => {
    const tp = copy(webProductViewed);
    tp['touchpointId'] = touchpointId({ system: 'shop-web', sourceId: 'another' });
    expect(touchpointIssues(tp)[0]?.message).toBe(`must be touchpointId(source) = ${webProductViewed.touchpointId}`);
  });

  it('given occurredAt in seconds instead of milliseconds, when validated, then occurredAt is out of range', () => {
    const tp = copy(callComplaint);
    tp['occurredAt'] = Math.floor(callComplaint.occurredAt / 1000);
    expect(paths(tp)).toEqual(['occurredAt']);
  });

  it('given occurredAt two days after receivedAt, when validated, then the clock-skew rule fires', () => {
    const tp = copy(callComplaint);
    tp['occurredAt'] = callComplaint.receivedAt + 2 * 24 * 3600 * 1000;
    expect(touchpointIssues(tp)).toEqual([
      { path: 'occurredAt', message: 'must not be more than 24h after receivedAt' },
    ]);
  });

  it('given non-normalised identifiers, when validated, then each identifier value is named', () => {
    const tp = copy(webProductViewed);
    tp['identifiers'][1].value = 'Zoe.Angstrom@Example.ch';
    tp['identifiers'].push({ type: 'phone', value: '044 668 18 00' }, { type: 'user_id', value: ' u-1' });
    expect(paths(tp)).toEqual(['identifiers[1].value', 'identifiers[3].value', 'identifiers[4].value']);
  });

  it('given a trait that is not a JSON text, when validated, then the trait key is named', () => {
    const tp = copy(webProductViewed);
    tp['traits']['plan'] = 'gold';
    expect(paths(tp)).toEqual(['traits.plan']);
  });

  it('given a web payload on a pos touchpoint, when validated, then payload is named', () => {
    const tp = copy(posSale);
    tp['payload'] = structuredClone(webProductViewed.payload);
    expect(touchpointIssues(tp)[0]).toMatchObject({
      path: 'payload',
      message: expect.stringMatching(/channel pos needs a c360\.touchpoint\.PosPayload/),
    });
  });

  it('given a receipt line in another currency and a negative unit price, when validated, then both line fields are named', () => {
    const tp = copy(posSale);
    tp['payload'][PAYLOAD_BRANCH.pos].lines[1].currency = 'CHF';
    tp['payload'][PAYLOAD_BRANCH.pos].lines[2].unitPrice = -129;
    expect(paths(tp)).toEqual(['payload.lines[1].currency', 'payload.lines[2].unitPrice']);
  });

  it('given a call that ends before it starts, when validated, then payload.endedAt is named', () => {
    const tp = copy(callComplaint);
    tp['payload'][PAYLOAD_BRANCH.call_center].endedAt = callComplaint.occurredAt - 1000;
    expect(paths(tp)).toEqual(['payload.endedAt']);
  });

  it('given an upper-case source system and a malformed rawSha256, when validated, then both source fields are named', () => {
    const tp = copy(emailClicked);
    tp['source'].system = 'SendGrid';
    tp['source'].rawSha256 = 'abc';
    expect(paths(tp).sort()).toEqual(['source.rawSha256', 'source.system']);
  });
});
