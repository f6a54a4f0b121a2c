import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  insertContact,
  insertIdentifier,
  insertMerge,
  insertProfile,
  startQueryApiHarness,
  type QueryApiHarness,
} from './testing';

const LI = '11111111-1111-4111-8111-111111111111';
const LISA = '22222222-2222-4222-8222-222222222222';
const LIAM = '33333333-3333-4333-8333-333333333333';
const GONE = '44444444-4444-4444-8444-444444444444';
const OTHER = '55555555-5555-4555-8555-555555555555';

const day = (n: number) => new Date(Date.UTC(2026, 2, n, 9)).toISOString();

describe('query API: search and contact history', () => {
  let api: QueryApiHarness;
  /** LI's contacts, newest first: day 10 … day 1, web on even days, pos on odd days. */
  const contacts: { touchpointId: string; occurredAt: string; channel: string }[] = [];

  beforeAll(async () => {
    api = await startQueryApiHarness();
    const { sql } = api.db;
    await insertProfile(sql, { customerId: LI, displayName: 'Li Lei' });
    await insertProfile(sql, { customerId: LISA, displayName: 'Lisa Wong' });
    await insertProfile(sql, { customerId: LIAM, displayName: 'liam brown' });
    await insertProfile(sql, { customerId: GONE, displayName: 'Lionel Gone', status: 'merged', mergedInto: LI });
    await insertProfile(sql, { customerId: OTHER, displayName: 'Zoë Ångström' });
    await insertMerge(sql, { absorbedId: GONE, survivorId: LI });
    await insertIdentifier(sql, api.keyring, { type: 'email', value: 'zoe.angstrom@example.ch', customerId: OTHER });
    await insertIdentifier(sql, api.keyring, { type: 'phone', value: '+8613800138000', customerId: LISA });
    for (let n = 1; n <= 10; n += 1) {
      const channel = n % 2 === 0 ? 'web' : 'pos';
      const type = channel === 'web' ? 'page_viewed' : 'receipt_issued';
      // Day 1 and 2 came through the absorbed customer; they belong to LI now.
      const customerId = n <= 2 ? GONE : LI;
      const touchpointId = await insertContact(sql, { customerId, ownerId: LI, channel, type, occurredAt: day(n) });
      contacts.unshift({ touchpointId, occurredAt: day(n), channel });
    }
    await insertContact(sql, { customerId: OTHER, channel: 'web', type: 'page_viewed', occurredAt: day(5) });
  });
  afterAll(() => api?.close());

  it('given names starting with "li" in any case, when searched with a page size of 2, then two pages list the live ones', async () => {
    const first = await api.get('/v1/customers?q=LI&limit=2', 'reader');
    const second = await api.get(`/v1/customers?q=LI&limit=2&cursor=${first.body.nextCursor}`, 'reader');

    expect(first.status).toBe(200);
    expect(first.body.items.map((p: { customerId: string }) => p.customerId)).toEqual([LI, LISA]);
    expect(first.body.items[0].displayName).toBe('L. L.');
    expect(second.body.items.map((p: { customerId: string }) => p.customerId)).toEqual([LIAM]);
    expect(second.body.nextCursor).toBeNull();
  });

  it('given an e-mail prefix and a phone prefix, when searched, then the holders are found', async () => {
    const byEmail = await api.get('/v1/customers?q=zoe.ang', 'pii_reader');
    const byPhone = await api.get(`/v1/customers?q=${encodeURIComponent('+86 138')}`, 'pii_reader');

    expect(byEmail.body.items).toEqual([
      expect.objectContaining({
        customerId: OTHER,
        identifiers: [{ type: 'email', value: 'zoe.angstrom@example.ch' }],
      }),
    ]);
    expect(byPhone.body.items.map((p: { customerId: string }) => p.customerId)).toEqual([LISA]);
  });

  it('given a search, then every customer it returned is in the access log', async () => {
    await api.get('/v1/customers?q=li', 'reader');

    const { rows } = await api.db.sql.query<{ customer_id: string }>(
      `SELECT customer_id FROM api_access_log WHERE id > (SELECT max(id) - 3 FROM api_access_log) ORDER BY customer_id`,
    );
    expect(rows.map((r) => r.customer_id)).toEqual([LI, LISA, LIAM]);
  });

  it('given ten contacts, when paged four at a time, then all come newest first without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const answer = await api.get(
        `/v1/customers/${LI}/contacts?limit=4${cursor ? `&cursor=${cursor}` : ''}`,
        'reader',
      );
      expect(answer.status).toBe(200);
      seen.push(...answer.body.items.map((c: { touchpointId: string }) => c.touchpointId));
      cursor = answer.body.nextCursor;
    } while (cursor);

    expect(seen).toEqual(contacts.map((c) => c.touchpointId));
  });

  it('given filters by channel and time, when asked, then only matching contacts come back', async () => {
    const answer = await api.get(`/v1/customers/${LI}/contacts?channel=web&from=${day(4)}&to=${day(9)}`, 'reader');

    expect(answer.body.items.map((c: { occurredAt: string }) => c.occurredAt)).toEqual([
      new Date(day(8)).toISOString(),
      new Date(day(6)).toISOString(),
      new Date(day(4)).toISOString(),
    ]);
    const byType = await api.get(`/v1/customers/${LI}/contacts?type=receipt_issued&limit=200`, 'reader');
    expect(byType.body.items).toHaveLength(5);
  });

  it('given role reader, then contact detail is left out; given pii_reader, then it is there', async () => {
    const masked = await api.get(`/v1/customers/${LI}/contacts?limit=1`, 'reader');
    const clear = await api.get(`/v1/customers/${LI}/contacts?limit=1`, 'pii_reader');

    expect(masked.body.items[0]).not.toHaveProperty('detail');
    expect(masked.body.items[0]).toMatchObject({
      channel: 'web',
      summary: { kind: 'page_viewed' },
      source: { system: 'test' },
    });
    expect(clear.body.items[0].detail).toEqual({ identifiers: [{ type: 'email', value: 'li.lei@example.com' }] });
  });

  it('given the absorbed id, when its contacts are asked, then the survivor’s history answers', async () => {
    const answer = await api.get(`/v1/customers/${GONE}/contacts?limit=200`, 'reader');

    expect(answer.body).toMatchObject({ customerId: LI, resolvedFrom: GONE });
    expect(answer.body.items).toHaveLength(10);
    expect(answer.headers.get('content-location')).toBe(`/v1/customers/${LI}/contacts`);
  });

  it.each([
    ['a page size of 1000', `/v1/customers/${LI}/contacts?limit=1000`, 'limit'],
    ['a page size that is not a number', `/v1/customers/${LI}/contacts?limit=ten`, 'limit'],
    ['an unknown channel', `/v1/customers/${LI}/contacts?channel=fax`, 'channel'],
    ['a from after to', `/v1/customers/${LI}/contacts?from=${day(9)}&to=${day(4)}`, 'to'],
    ['a forged cursor', `/v1/customers/${LI}/contacts?cursor=bm90LWEtY3Vyc29y`, 'cursor'],
    [
      'a search cursor on contacts',
      `/v1/customers/${LI}/contacts?cursor=${Buffer.from(JSON.stringify(['customers', LI])).toString('base64url')}`,
      'cursor',
    ],
    ['a one-letter search', '/v1/customers?q=l', 'q'],
    ['a search without q', '/v1/customers', 'q'],
    ['a search page size of 1000', '/v1/customers?q=li&limit=1000', 'limit'],
  ])('given %s, when asked, then 400 names the parameter', async (_case, path, parameter) => {
    const answer = await api.get(path, 'reader');

    expect(answer.status).toBe(400);
    expect(answer.body.details.issues.map((i: { path: string }) => i.path)).toEqual([parameter]);
  });
});
