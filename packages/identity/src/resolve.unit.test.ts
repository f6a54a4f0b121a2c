import { describe, expect, it } from 'vitest';
import { followMerges } from './resolve';
import { IdentityWorld, touchpointWith } from './testing';

const types = (events: { type: string }[]) => events.map((e) => e.type);

describe('identity resolution', () => {
  describe('no match', () => {
    it('given an empty world, when a touchpoint with an e-mail and a loyalty card arrives, then a new customer owns both and records the touchpoint', () => {
      const world = new IdentityWorld();
      const touchpoint = touchpointWith([
        { type: 'email', value: ' Li@Example.com ' },
        { type: 'loyalty_id', value: '1234-5678' },
      ]);

      const resolution = world.receive(touchpoint);

      expect(world.live()).toEqual([resolution.customerId]);
      expect(world.ownerOf('email', 'li@example.com')).toBe(resolution.customerId);
      expect(world.ownerOf('loyalty_id', '12345678')).toBe(resolution.customerId);
      expect(types(world.events(resolution.customerId))).toEqual([
        'CustomerCreated',
        'IdentifierLinked',
        'IdentifierLinked',
        'TouchpointRecorded',
      ]);
    });

    it('given a touchpoint, when it is decided twice from scratch, then the same customer id and event ids come out', () => {
      const touchpoint = touchpointWith([{ type: 'email', value: 'same@example.com' }]);
      const first = new IdentityWorld().receive(touchpoint);
      const second = new IdentityWorld().receive(touchpoint);
      expect(second.customerId).toBe(first.customerId);
      expect(second.changes).toEqual(first.changes);
    });
  });

  describe('one match', () => {
    it('given a customer with an e-mail, when a call comes from a new phone with that e-mail, then the phone is linked to the same customer', () => {
      const world = new IdentityWorld();
      const { customerId } = world.receive(touchpointWith([{ type: 'email', value: 'li@example.com' }]));

      const resolution = world.receive(
        touchpointWith([
          { type: 'phone', value: '+86 138 0013 8000' },
          { type: 'email', value: 'LI@example.com' },
        ]),
      );

      expect(resolution.customerId).toBe(customerId);
      expect(world.ownerOf('phone', '+8613800138000')).toBe(customerId);
      expect(world.live()).toHaveLength(1);
      expect(types(world.events(customerId)).slice(-2)).toEqual(['IdentifierLinked', 'TouchpointRecorded']);
    });

    it('given a shopper with one loyalty card, when she shows two more with the same e-mail, then one customer holds all three cards', () => {
      const world = new IdentityWorld();
      const { customerId } = world.receive(
        touchpointWith([
          { type: 'loyalty_id', value: 'A-1' },
          { type: 'email', value: 'shopper@example.com' },
        ]),
      );
      world.receive(
        touchpointWith([
          { type: 'loyalty_id', value: 'B-2' },
          { type: 'email', value: 'shopper@example.com' },
        ]),
      );
      world.receive(
        touchpointWith([
          { type: 'loyalty_id', value: 'C-3' },
          { type: 'email', value: 'shopper@example.com' },
        ]),
      );

      expect(world.live()).toEqual([customerId]);
      expect(['A1', 'B2', 'C3'].map((card) => world.ownerOf('loyalty_id', card))).toEqual([
        customerId,
        customerId,
        customerId,
      ]);
    });
  });

  describe('merge', () => {
    it('given a till customer (card) and a web customer (e-mail), when a touchpoint carries both, then the newer merges into the older with evidence and rule version', () => {
      const world = new IdentityWorld();
      const older = world.receive(touchpointWith([{ type: 'loyalty_id', value: 'CARD-1' }])).customerId;
      const newer = world.receive(touchpointWith([{ type: 'email', value: 'li@example.com' }])).customerId;
      const evidence = touchpointWith([
        { type: 'email', value: 'li@example.com' },
        { type: 'loyalty_id', value: 'CARD-1' },
      ]);

      const resolution = world.receive(evidence);

      expect(resolution.customerId).toBe(older);
      expect(world.live()).toEqual([older]);
      expect(world.state(newer).mergedInto).toBe(older);
      const merged = world.events(newer).find((e) => e.type === 'CustomerMerged');
      expect(merged?.data).toMatchObject({
        into: older,
        touchpointId: evidence.touchpointId,
        ruleVersion: world.policy.ruleVersion,
      });
      const absorbed = world.events(older).find((e) => e.type === 'CustomerAbsorbed');
      expect(absorbed?.data).toMatchObject({ from: newer, touchpointId: evidence.touchpointId });
      expect(world.state(older).identifiers.size).toBe(2);
    });

    it("given A absorbed into B and B into C, when A's identifier is seen again, then the touchpoint goes to C", () => {
      const world = new IdentityWorld();
      const c = world.receive(touchpointWith([{ type: 'loyalty_id', value: 'C' }])).customerId;
      const b = world.receive(touchpointWith([{ type: 'loyalty_id', value: 'B' }])).customerId;
      const a = world.receive(touchpointWith([{ type: 'loyalty_id', value: 'A' }])).customerId;
      world.receive(
        touchpointWith([
          { type: 'loyalty_id', value: 'B' },
          { type: 'loyalty_id', value: 'A' },
        ]),
      );
      world.receive(
        touchpointWith([
          { type: 'loyalty_id', value: 'C' },
          { type: 'loyalty_id', value: 'B' },
        ]),
      );

      expect(followMerges(a, world.customers)).toBe(c);
      expect(world.receive(touchpointWith([{ type: 'loyalty_id', value: 'A' }])).customerId).toBe(c);
      expect(world.state(b).mergedInto).toBe(c);
    });
  });

  describe('merge protection', () => {
    it('given a customer with a user id, when a touchpoint pairs another user id with her e-mail, then nobody is merged and the conflict is recorded', () => {
      const world = new IdentityWorld();
      const mum = world.receive(
        touchpointWith([
          { type: 'user_id', value: 'mum' },
          { type: 'email', value: 'family@example.com' },
        ]),
      );

      const son = world.receive(
        touchpointWith([
          { type: 'user_id', value: 'son' },
          { type: 'email', value: 'family@example.com' },
        ]),
      );

      expect(son.customerId).not.toBe(mum.customerId);
      expect(world.live()).toHaveLength(2);
      expect(world.ownerOf('email', 'family@example.com')).toBe(mum.customerId);
      const conflict = world.events(son.customerId).find((e) => e.type === 'IdentityConflictDetected');
      expect(conflict?.data).toMatchObject({ reason: 'limit_exceeded', otherCustomerId: mum.customerId });
    });

    it('given two people who used one tablet, when the second signs in with her own e-mail, then the shared device id does not merge them', () => {
      const world = new IdentityWorld();
      const first = world.receive(
        touchpointWith([
          { type: 'email', value: 'ana@example.com' },
          { type: 'device_id', value: 'tablet-1' },
        ]),
      );

      const second = world.receive(
        touchpointWith([
          { type: 'email', value: 'bo@example.com' },
          { type: 'device_id', value: 'tablet-1' },
        ]),
      );

      expect(second.customerId).not.toBe(first.customerId);
      expect(world.live()).toHaveLength(2);
      const conflict = world.events(second.customerId).find((e) => e.type === 'IdentityConflictDetected');
      expect(conflict?.data).toMatchObject({ reason: 'contradicting_evidence', otherCustomerId: first.customerId });
    });

    it('given a recycled phone number, when its new holder calls with a different e-mail, then the old holder is not merged in', () => {
      const world = new IdentityWorld();
      const old = world.receive(
        touchpointWith([
          { type: 'email', value: 'old@example.com' },
          { type: 'phone', value: '+44 7700 900123' },
        ]),
      );

      const fresh = world.receive(
        touchpointWith([
          { type: 'email', value: 'new@example.com' },
          { type: 'phone', value: '+447700900123' },
        ]),
      );

      expect(fresh.customerId).not.toBe(old.customerId);
      expect(world.live()).toHaveLength(2);
    });

    it('given two people whose sign-ups used a placeholder address, then the blocked value never matches them together', () => {
      const world = new IdentityWorld();
      const a = world.receive(
        touchpointWith([
          { type: 'email', value: 'noreply@shop.test' },
          { type: 'loyalty_id', value: 'L-1' },
        ]),
      );
      const b = world.receive(
        touchpointWith([
          { type: 'email', value: 'noreply@shop.test' },
          { type: 'loyalty_id', value: 'L-2' },
        ]),
      );

      expect(b.customerId).not.toBe(a.customerId);
      const recorded = world.events(b.customerId).find((e) => e.type === 'TouchpointRecorded');
      expect(recorded?.type === 'TouchpointRecorded' && recorded.data.identifiers[0]).toMatchObject({
        status: 'blocked',
        hash: null,
      });
    });

    it('given an invalid phone, then it is recorded as invalid and matches nothing', () => {
      const world = new IdentityWorld();
      const a = world.receive(
        touchpointWith([
          { type: 'phone', value: '12' },
          { type: 'email', value: 'a@example.com' },
        ]),
      );
      const b = world.receive(
        touchpointWith([
          { type: 'phone', value: '12' },
          { type: 'email', value: 'b@example.com' },
        ]),
      );

      expect(b.customerId).not.toBe(a.customerId);
      const recorded = world.events(a.customerId).find((e) => e.type === 'TouchpointRecorded');
      expect(recorded?.type === 'TouchpointRecorded' && recorded.data.identifiers[0]?.status).toBe('invalid');
    });
  });

  describe('anonymous web visitors (Segment semantics)', () => {
    it('given anonymous browsing, when identify links the anonymous id to a user id, then the browsing and the person are one customer', () => {
      const world = new IdentityWorld();
      const visitor = world.receive(touchpointWith([{ type: 'anonymous_id', value: 'anon-1' }])).customerId;
      world.receive(touchpointWith([{ type: 'anonymous_id', value: 'anon-1' }]));

      const identified = world.receive(
        touchpointWith([
          { type: 'user_id', value: 'u-42' },
          { type: 'anonymous_id', value: 'anon-1' },
          { type: 'email', value: 'u42@example.com' },
        ]),
      );

      expect(identified.customerId).toBe(visitor);
      expect(world.ownerOf('user_id', 'u-42')).toBe(visitor);
      expect(world.state(visitor).touchpoints.size).toBe(3);
    });

    it('given a known user and a separate anonymous visitor, when alias ties them, then the visitor merges into the older customer', () => {
      const world = new IdentityWorld();
      const user = world.receive(touchpointWith([{ type: 'user_id', value: 'u-7' }])).customerId;
      const visitor = world.receive(touchpointWith([{ type: 'anonymous_id', value: 'anon-7' }])).customerId;

      world.receive(
        touchpointWith(
          [
            { type: 'user_id', value: 'u-7' },
            { type: 'anonymous_id', value: 'anon-7' },
          ],
          { type: 'alias' },
        ),
      );

      expect(world.state(visitor).mergedInto).toBe(user);
      expect(world.live()).toEqual([user]);
    });
  });

  describe('exactly once', () => {
    it('given a recorded touchpoint, when it is delivered again (even after a merge), then no second TouchpointRecorded appears', () => {
      const world = new IdentityWorld();
      const first = touchpointWith([{ type: 'email', value: 'x@example.com' }]);
      const { customerId } = world.receive(first);
      world.receive(touchpointWith([{ type: 'loyalty_id', value: 'OLD' }], { receivedAt: 0 }));
      world.receive(
        touchpointWith([
          { type: 'loyalty_id', value: 'OLD' },
          { type: 'email', value: 'x@example.com' },
        ]),
      );
      expect(world.state(customerId).mergedInto).not.toBeNull();

      const again = world.receive(first);

      expect(again.duplicate).toBe(true);
      const recorded = [...world.history.values()].flat().filter((e) => e.type === 'TouchpointRecorded');
      expect(
        recorded.filter((e) => e.type === 'TouchpointRecorded' && e.data.touchpointId === first.touchpointId),
      ).toHaveLength(1);
    });
  });

  describe('unmerge', () => {
    it('given a wrong merge, when it is reverted, then both customers live again, identifiers go back and later evidence does not re-merge them', () => {
      const world = new IdentityWorld();
      const a = world.receive(touchpointWith([{ type: 'loyalty_id', value: 'A' }])).customerId;
      const b = world.receive(touchpointWith([{ type: 'loyalty_id', value: 'B' }])).customerId;
      world.receive(
        touchpointWith([
          { type: 'loyalty_id', value: 'A' },
          { type: 'loyalty_id', value: 'B' },
        ]),
      );
      expect(world.state(b).mergedInto).toBe(a);

      world.unmerge(b, 'two sisters share a card wallet');

      expect(world.live().sort()).toEqual([a, b].sort());
      expect(world.state(a).identifiers.size).toBe(1);
      expect(types(world.events(a)).at(-1)).toBe('MergeReverted');
      expect(types(world.events(b)).at(-1)).toBe('MergeReverted');
      expect(world.receive(touchpointWith([{ type: 'loyalty_id', value: 'B' }])).customerId).toBe(b);
      const again = world.receive(
        touchpointWith([
          { type: 'loyalty_id', value: 'A' },
          { type: 'loyalty_id', value: 'B' },
        ]),
      );
      expect(world.live()).toHaveLength(2);
      expect(world.events(again.customerId).at(-2)?.data).toMatchObject({ reason: 'separated' });
    });

    it('given customers that are not merged, when an unmerge is asked, then it is refused with not_merged', () => {
      const world = new IdentityWorld();
      const a = world.receive(touchpointWith([{ type: 'loyalty_id', value: 'A' }])).customerId;
      world.receive(touchpointWith([{ type: 'loyalty_id', value: 'B' }]));
      expect(() => world.unmerge(a)).toThrow(/no customer|not merged/);
    });
  });
});
