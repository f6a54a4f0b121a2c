import { describe, expect, it } from 'vitest';
import type { CustomerEvent, TouchpointRecorded } from '@c360/identity';
import type { Channel } from '@c360/touchpoint';
import { foldProfileAsOf, membershipAt, type TimedEvent } from './as-of';

const A = '0a000000-0000-4000-8000-00000000000a';
const B = '0b000000-0000-4000-8000-00000000000b';
const at = (hour: number) => new Date(Date.UTC(2026, 2, 1, hour));
const tp = (n: number) => `00000000-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`;
const email = { type: 'email' as const, hash: 'a'.repeat(64), value: 'li.lei@example.com' };
const phone = { type: 'phone' as const, hash: 'b'.repeat(64), value: '+8613800138000' };

let position = 0n;
function timed(event: CustomerEvent, recordedHour: number): TimedEvent<CustomerEvent> {
  position += 1n;
  return { event: { ...event, id: `e${position}` }, recordedAt: at(recordedHour), globalPosition: position };
}

function touchpoint(n: number, channel: Channel, occurredHour: number, name: string): TouchpointRecorded {
  return {
    type: 'TouchpointRecorded',
    data: {
      touchpointId: tp(n),
      channel,
      touchpointType: channel === 'pos' ? 'receipt_issued' : 'page_viewed',
      occurredAt: at(occurredHour).getTime(),
      receivedAt: at(occurredHour).getTime(),
      source: { system: 'test', sourceId: `s${n}`, adapter: 'test', adapterVersion: '1', rawSha256: 'ab' },
      identifiers: [],
      consent: null,
      locale: null,
      traits: { name: JSON.stringify(name) },
      context: null,
      payload: null,
    },
  };
}

/**
 * A (created 01:00, e-mail, a web visit at 02:00 as "Li Lei") and B (created 03:00,
 * phone, a POS receipt that happened at 01:30 as "Lei Li", recorded late) are merged
 * into A at 05:00, and the merge is reverted at 08:00.
 */
function history(): Map<string, TimedEvent<CustomerEvent>[]> {
  position = 0n;
  const evidence = [{ type: 'phone' as const, hash: phone.hash }];
  const a = [
    timed({ type: 'CustomerCreated', data: { customerId: A, touchpointId: tp(1), createdAt: at(1).getTime() } }, 1),
    timed({ type: 'IdentifierLinked', data: { identifier: email, touchpointId: tp(1) } }, 1),
    timed(touchpoint(1, 'web', 2, 'Li Lei'), 2),
  ];
  const b = [
    timed({ type: 'CustomerCreated', data: { customerId: B, touchpointId: tp(2), createdAt: at(3).getTime() } }, 3),
    timed({ type: 'IdentifierLinked', data: { identifier: phone, touchpointId: tp(2) } }, 3),
    timed(touchpoint(2, 'pos', 1.5, 'Lei Li'), 3),
    timed({ type: 'CustomerMerged', data: { into: A, touchpointId: tp(3), ruleVersion: 'r1', evidence } }, 5),
  ];
  a.push(
    timed(
      {
        type: 'CustomerAbsorbed',
        data: { from: B, touchpointId: tp(3), ruleVersion: 'r1', evidence, identifiers: [evidence[0]!] },
      },
      5,
    ),
  );
  const reverted = { survivorId: A, absorbedId: B, commandId: 'c1', reason: 'two people', identifiers: evidence };
  a.push(timed({ type: 'MergeReverted', data: reverted }, 8));
  b.push(timed({ type: 'MergeReverted', data: reverted }, 8));
  return new Map([
    [A, a],
    [B, b],
  ]);
}

describe('profile as of an instant', () => {
  it('given two customers merged at 05:00, when A is asked as of 04:00, then it holds only its own identifier and touchpoint', () => {
    const profile = foldProfileAsOf({ askedId: A, streams: history(), asOf: at(4) })!;

    expect(profile.customerId).toBe(A);
    expect(profile.identifiers).toEqual([{ type: 'email', value: 'li.lei@example.com' }]);
    expect(profile.mergedFrom).toEqual([]);
    expect(profile.touchpointCount).toBe(1);
    expect(profile.channels).toEqual(['web']);
    expect(profile.traits).toEqual({ name: 'Li Lei' });
    expect(profile.createdAt).toBe(at(1).toISOString());
  });

  it('given the same history, when A is asked as of 06:00, then it holds both customers’ identifiers and touchpoints', () => {
    const profile = foldProfileAsOf({ askedId: A, streams: history(), asOf: at(6) })!;

    expect(profile.identifiers).toEqual([
      { type: 'email', value: 'li.lei@example.com' },
      { type: 'phone', value: '+8613800138000' },
    ]);
    expect(profile.mergedFrom).toEqual([B]);
    expect(profile.touchpointCount).toBe(2);
    expect(profile.channels).toEqual(['pos', 'web']);
    expect(profile.firstSeenAt).toBe(at(1.5).toISOString());
    expect(profile.lastSeenAt).toBe(at(2).toISOString());
    // B's receipt was recorded later but happened earlier: A's name is the latest by occurredAt.
    expect(profile.traits).toEqual({ name: 'Li Lei' });
    expect(profile.displayName).toBe('Li Lei');
    expect(profile.computed).toMatchObject({ channelMix: { pos: 0.5, web: 0.5 } });
  });

  it('given the same history, when the absorbed B is asked as of 06:00, then the answer is the survivor A', () => {
    expect(membershipAt(B, history(), at(6))).toEqual({ liveId: A, members: [A, B] });
    expect(foldProfileAsOf({ askedId: B, streams: history(), asOf: at(6) })!.customerId).toBe(A);
  });

  it('given the same history, when B is asked as of 04:00, then B is its own customer with only its phone', () => {
    const profile = foldProfileAsOf({ askedId: B, streams: history(), asOf: at(4) })!;

    expect(profile.customerId).toBe(B);
    expect(profile.identifiers).toEqual([{ type: 'phone', value: '+8613800138000' }]);
    expect(profile.traits).toEqual({ name: 'Lei Li' });
  });

  it('given the merge reverted at 08:00, when both are asked as of 09:00, then each holds only its own again', () => {
    const a = foldProfileAsOf({ askedId: A, streams: history(), asOf: at(9) })!;
    const b = foldProfileAsOf({ askedId: B, streams: history(), asOf: at(9) })!;

    expect([a.customerId, a.mergedFrom, a.identifiers.map((i) => i.type)]).toEqual([A, [], ['email']]);
    expect([b.customerId, b.mergedFrom, b.identifiers.map((i) => i.type)]).toEqual([B, [], ['phone']]);
  });

  it('given B created at 03:00, when B is asked as of 02:00, then there is no profile', () => {
    expect(foldProfileAsOf({ askedId: B, streams: history(), asOf: at(2) })).toBeNull();
    expect(membershipAt(B, history(), at(2))).toBeNull();
  });

  it('given computed traits, when folded as of two instants, then they are evaluated at each instant', () => {
    const early = foldProfileAsOf({ askedId: A, streams: history(), asOf: at(6) })!;
    const late = foldProfileAsOf({ askedId: A, streams: history(), asOf: new Date(Date.UTC(2027, 0, 1)) })!;

    expect(early.computed).toMatchObject({ orders: 0, lifecycleStage: 'prospect' });
    expect((late.computed as { churnScore: number }).churnScore).toBeGreaterThan(
      (early.computed as { churnScore: number }).churnScore,
    );
  });
});
