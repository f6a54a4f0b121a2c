import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toJsonTextMap, touchpointId, type Identifier, type Touchpoint } from '@c360/touchpoint';
import { posSale, webProductViewed } from '@c360/touchpoint/testing';
import { startQueryApiHarness, type Answer, type QueryApiHarness } from './testing';

function touchpoint(template: Touchpoint, n: number, identifiers: Identifier[], name: string): Touchpoint {
  const source = { ...template.source, sourceId: `history-${n}` };
  const at = Date.UTC(2026, 2, n, 12);
  return {
    ...template,
    source,
    touchpointId: touchpointId(source),
    identifiers,
    traits: toJsonTextMap({ name }),
    occurredAt: at,
    receivedAt: at,
  };
}

const email = { type: 'email', value: 'li.lei@example.com' } as const;
const card = { type: 'loyalty_id', value: 'LOY-100-200' } as const;
const phone = { type: 'phone', value: '+8613800138000' } as const;
const signUp = touchpoint(webProductViewed, 1, [email], 'Li Lei');
const receipt = touchpoint(posSale, 2, [card, phone], 'Lei Li');
const linking = touchpoint(posSale, 3, [email, card], 'Li Lei');

describe('query API over the event store: events, profile as of, merges, unmerge', () => {
  let api: QueryApiHarness;
  let survivor: string;
  let absorbed: string;
  const instants: Record<'beforeA' | 'onlyA' | 'bothApart' | 'merged', string> = {} as never;

  const tick = async () => {
    await sleep(25);
    const now = new Date().toISOString();
    await sleep(25);
    return now;
  };

  beforeAll(async () => {
    api = await startQueryApiHarness();
    instants.beforeA = await tick();
    await api.ingest(signUp);
    instants.onlyA = await tick();
    await api.ingest(receipt);
    instants.bothApart = await tick();
    await api.ingest(linking);
    instants.merged = await tick();
    await api.project();
    const { rows } = await api.db.sql.query<{ customer_id: string; merged_into: string | null }>(
      'SELECT customer_id, merged_into FROM rm_profiles',
    );
    absorbed = rows.find((r) => r.merged_into !== null)!.customer_id;
    survivor = rows.find((r) => r.merged_into !== null)!.merged_into!;
  });
  afterAll(() => api?.close());

  it('given a merge, when the survivor’s events are asked, then both streams come in global order with provenance', async () => {
    const answer = await api.get(`/v1/customers/${survivor}/events?limit=200`, 'pii_reader');

    expect(answer.status).toBe(200);
    expect(answer.body.members).toEqual([survivor, absorbed]);
    const items: Answer['body'][] = answer.body.items;
    const positions = items.map((e) => BigInt(e.globalPosition));
    expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : 1)));
    expect(new Set(items.map((e) => e.streamId))).toEqual(new Set([`customer-${survivor}`, `customer-${absorbed}`]));
    expect(items.map((e) => e.type)).toEqual(expect.arrayContaining(['CustomerMerged', 'CustomerAbsorbed']));
    const recorded = items.find(
      (e) => e.type === 'TouchpointRecorded' && e.data.touchpointId === receipt.touchpointId,
    )!;
    expect(recorded.source).toEqual(receipt.source);
    expect(recorded.metadata).toMatchObject({ causationId: receipt.touchpointId, ruleVersion: 'identity-rules/1' });
    expect(recorded.data.identifiers.map((i: { value: string }) => i.value)).toEqual(['LOY100200', '+8613800138000']);
    expect(recorded.data.traits).toEqual({ name: '"Lei Li"' });
  });

  it('given role reader, when the events are asked, then personal values are masked and payloads left out', async () => {
    const answer = await api.get(`/v1/customers/${survivor}/events?limit=200`, 'reader');

    const text = JSON.stringify(answer.body);
    expect(text).not.toContain('li.lei@example.com');
    expect(text).not.toContain('8613800138000');
    const linked = answer.body.items.find((e: { type: string }) => e.type === 'IdentifierLinked');
    expect(linked.data.identifier.value).toMatch(/\*\*\*/);
    const recorded = answer.body.items.find((e: { type: string }) => e.type === 'TouchpointRecorded');
    expect(recorded).toMatchObject({ masked: true, data: { payload: null, context: null } });
  });

  it('given events paged three at a time, then the pages add up to the whole history', async () => {
    const whole = (await api.get(`/v1/customers/${survivor}/events?limit=200`, 'reader')).body.items;
    const paged: unknown[] = [];
    let cursor: string | null = null;
    do {
      const answer = await api.get(
        `/v1/customers/${survivor}/events?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
        'reader',
      );
      paged.push(...answer.body.items);
      cursor = answer.body.nextCursor;
    } while (cursor);

    expect(paged).toEqual(whole);
  });

  it('given the absorbed id, when its events are asked, then the survivor’s history answers', async () => {
    const answer = await api.get(`/v1/customers/${absorbed}/events`, 'reader');

    expect(answer.body).toMatchObject({ customerId: survivor, resolvedFrom: absorbed });
  });

  it('given instants before and after the merge, when the profile is asked as of each, then the answers differ accordingly', async () => {
    const before = await api.get(`/v1/customers/${survivor}?asOf=${instants.onlyA}`, 'pii_reader');
    const apart = await api.get(`/v1/customers/${absorbed}?asOf=${instants.bothApart}`, 'pii_reader');
    const after = await api.get(`/v1/customers/${survivor}?asOf=${instants.merged}`, 'pii_reader');

    expect(before.body).toMatchObject({
      customerId: survivor,
      asOf: instants.onlyA,
      mergedFrom: [],
      touchpointCount: 1,
    });
    expect(before.body.identifiers).toEqual([email]);
    expect(apart.body).toMatchObject({ customerId: absorbed, mergedFrom: [], traits: { name: 'Lei Li' } });
    expect(apart.body.identifiers).toHaveLength(2);
    expect(apart.body.identifiers).toEqual(expect.arrayContaining([{ type: 'loyalty_id', value: 'LOY100200' }, phone]));
    expect(after.body).toMatchObject({ customerId: survivor, mergedFrom: [absorbed], touchpointCount: 3 });
    expect(after.body.identifiers).toEqual(expect.arrayContaining([email, phone]));
    expect(after.body.computed).toMatchObject({ channelMix: expect.any(Object) });
  });

  it('given an instant before the customer existed, when the profile is asked as of it, then 404', async () => {
    const answer = await api.get(`/v1/customers/${survivor}?asOf=${instants.beforeA}`, 'reader');

    expect(answer.status).toBe(404);
  });

  it('given the projected read models, when the survivor’s profile and merges are asked, then they explain the merge', async () => {
    const profile = await api.get(`/v1/customers/${survivor}`, 'pii_reader');
    const merges = await api.get(`/v1/customers/${survivor}/merges`, 'reader');

    expect(profile.body).toMatchObject({ customerId: survivor, mergedFrom: [absorbed], touchpointCount: 3 });
    expect(profile.body.computed).toMatchObject({ channelMix: expect.any(Object) });
    expect(merges.body.members).toEqual([survivor, absorbed]);
    expect(merges.body.merges).toEqual([
      expect.objectContaining({
        absorbedId: absorbed,
        survivorId: survivor,
        touchpointId: linking.touchpointId,
        revertedAt: null,
      }),
    ]);
    expect(merges.body.identifiers.map((i: { value: string }) => i.value)).toEqual(
      expect.arrayContaining(['l***@example.com', '+86 *** **** 8000']),
    );
  });

  it('given role reader, when an unmerge is posted, then 403 forbidden', async () => {
    const answer = await api.post(`/v1/customers/${absorbed}/unmerge`, { role: 'reader', body: { reason: 'x' } });

    expect(answer.status).toBe(403);
    expect(answer.body.code).toBe('forbidden');
  });

  it('given no reason, when an admin posts an unmerge, then 400 names reason', async () => {
    const answer = await api.post(`/v1/customers/${absorbed}/unmerge`, { role: 'admin', body: {} });

    expect(answer.status).toBe(400);
    expect(answer.body.details.issues).toEqual([expect.objectContaining({ path: 'reason' })]);
  });

  it('given an admin, when the merge is reverted twice with one key and once more with another, then 200, 200, 409 not_merged', async () => {
    const request = { role: 'admin' as const, body: { reason: 'two sisters' }, headers: { 'Idempotency-Key': 'k-1' } };
    const first = await api.post(`/v1/customers/${absorbed}/unmerge`, request);
    const again = await api.post(`/v1/customers/${absorbed}/unmerge`, request);
    const other = await api.post(`/v1/customers/${absorbed}/unmerge`, {
      ...request,
      headers: { 'Idempotency-Key': 'k-2' },
    });

    expect(first).toMatchObject({
      status: 200,
      body: { survivorId: survivor, absorbedId: absorbed, commandId: 'k-1' },
    });
    expect(again).toMatchObject({ status: 200, body: { survivorId: survivor, absorbedId: absorbed } });
    expect(other).toMatchObject({ status: 409, body: { code: 'not_merged' } });

    await api.project();
    const profile = await api.get(`/v1/customers/${absorbed}`, 'reader');
    const merges = await api.get(`/v1/customers/${survivor}/merges`, 'reader');
    expect(profile.body).toMatchObject({ customerId: absorbed, status: 'live' });
    expect(merges.body.merges).toEqual([
      expect.objectContaining({ reason: 'two sisters', revertedAt: expect.any(String) }),
    ]);
  });

  it('given an unknown customer, when an admin posts an unmerge, then 404', async () => {
    const answer = await api.post('/v1/customers/99999999-9999-4999-8999-999999999999/unmerge', {
      role: 'admin',
      body: { reason: 'x' },
    });

    expect(answer.status).toBe(404);
  });
});
