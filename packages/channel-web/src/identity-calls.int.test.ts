import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollectorHarness, type CollectorHarness } from '@c360/channels/testing';
import { segmentAdapter } from './index';
import { contextOf, NOW, onePublished, post, properties, traits, webPayload } from './test-support';

let harness: CollectorHarness;
beforeAll(async () => {
  harness = await startCollectorHarness({ adapters: [segmentAdapter()], channel: 'web', now: () => new Date(NOW) });
});
afterAll(async () => harness?.close());

describe('segment-http: identity calls, traits and context', () => {
  it("given a group call, when posted, then the group's traits go to the properties and the person's traits stay the person's", async () => {
    const call = {
      messageId: 'group-1',
      userId: 'u-3',
      groupId: 'acct-123',
      traits: { name: 'Initech', industry: 'Technology', employees: 420 },
      context: { traits: { name: 'Peter Gibbons', email: 'PGibbons@Initech.com' } },
    };

    expect((await post(harness, '/v1/g', call)).status).toBe(200);

    const touchpoint = await onePublished(harness, 'group-1');
    expect(touchpoint.type).toBe('group_joined');
    expect(traits(touchpoint)).toEqual({ name: 'Peter Gibbons', email: 'PGibbons@Initech.com' });
    expect(properties(touchpoint)).toEqual({
      name: 'Initech',
      industry: 'Technology',
      employees: 420,
      groupId: 'acct-123',
    });
    expect(touchpoint.identifiers).toEqual([
      { type: 'user_id', value: 'u-3' },
      { type: 'email', value: 'pgibbons@initech.com' },
    ]);
  });

  it('given alias calls, when posted, then previousId is an anonymous_id when it looks like one and a user_id otherwise', async () => {
    const fromAnonymous = { messageId: 'alias-1', userId: 'u-4', previousId: '0f8fad5b-d9cb-469f-a165-70867728950e' };
    const fromUser = { messageId: 'alias-2', userId: 'u-5', previousId: 'legacy-user-77' };

    expect((await post(harness, '/v1/alias', fromAnonymous)).status).toBe(200);
    expect((await post(harness, '/v1/a', fromUser)).status).toBe(200);

    const first = await onePublished(harness, 'alias-1');
    expect(first.type).toBe('alias_linked');
    expect(first.identifiers).toEqual([
      { type: 'user_id', value: 'u-4' },
      { type: 'anonymous_id', value: '0f8fad5b-d9cb-469f-a165-70867728950e' },
    ]);
    expect(properties(first)).toEqual({ previousId: '0f8fad5b-d9cb-469f-a165-70867728950e' });
    expect((await onePublished(harness, 'alias-2')).identifiers).toEqual([
      { type: 'user_id', value: 'u-5' },
      { type: 'user_id', value: 'legacy-user-77' },
    ]);
  });

  it('given non-ASCII ids and names, when posted, then they round-trip unchanged', async () => {
    const call = {
      messageId: 'ident-李雷',
      userId: '李雷',
      traits: { name: '李雷', friend: 'Zoë', email: 'li.lei@例子.中国' },
    };

    expect((await post(harness, '/v1/i', call)).status).toBe(200);

    const touchpoint = await onePublished(harness, 'ident-李雷');
    expect(touchpoint.identifiers).toEqual([
      { type: 'user_id', value: '李雷' },
      { type: 'email', value: 'li.lei@例子.中国' },
    ]);
    expect(traits(touchpoint)).toEqual(call.traits);
  });

  it('given e-mail and phone traits that are not usable identifiers, when posted, then they stay traits only', async () => {
    const call = { messageId: 'ident-raw', userId: 'u-6', traits: { email: 'not an address', phone: '044 668 18 00' } };

    expect((await post(harness, '/v1/identify', call)).status).toBe(200);

    const touchpoint = await onePublished(harness, 'ident-raw');
    expect(touchpoint.identifiers).toEqual([{ type: 'user_id', value: 'u-6' }]);
    expect(traits(touchpoint)).toEqual(call.traits);
  });

  it('given a context with other fields, when posted, then they travel in the context map and consent preferences in consent', async () => {
    const call = {
      messageId: 'ctx-1',
      userId: 'u-7',
      event: 'Signed Up',
      context: {
        device: { type: 'ios', model: 'iPhone15,2' },
        os: { name: 'iOS', version: '17.4' },
        locale: 'fr_CH',
        consent: { categoryPreferences: { Analytics: true, Advertising: false } },
      },
    };

    expect((await post(harness, '/v1/track', call)).status).toBe(200);

    const touchpoint = await onePublished(harness, 'ctx-1');
    expect(touchpoint.type).toBe('signed_up');
    expect(touchpoint.locale).toBe('fr-CH');
    expect(touchpoint.consent).toEqual({ Analytics: true, Advertising: false });
    expect(contextOf(touchpoint)).toEqual({
      device: call.context.device,
      os: call.context.os,
      consent: call.context.consent,
    });
    expect(webPayload(touchpoint).deviceType).toBe('mobile');
  });
});
