import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  insertConflict,
  insertIdentifier,
  insertMerge,
  insertProfile,
  startQueryApiHarness,
  type QueryApiHarness,
} from './testing';

const LI = '11111111-1111-4111-8111-111111111111';
const MID = '22222222-2222-4222-8222-222222222222';
const OLD = '33333333-3333-4333-8333-333333333333';
const UNKNOWN = '99999999-9999-4999-8999-999999999999';

describe('query API: profiles, lookup, roles and the access log', () => {
  let api: QueryApiHarness;

  beforeAll(async () => {
    api = await startQueryApiHarness();
    const { sql } = api.db;
    // OLD was absorbed into MID, then MID into LI: both ids live on in LI.
    await insertProfile(sql, {
      customerId: LI,
      displayName: 'Li Lei',
      traits: { name: 'Li Lei', email: 'li.lei@example.com', plan: 'gold' },
      computed: { lifetimeValue: 12_000, valueTier: 'A' },
      channels: ['pos', 'web'],
      touchpointCount: 0,
    });
    await insertProfile(sql, { customerId: MID, status: 'merged', mergedInto: LI });
    await insertProfile(sql, { customerId: OLD, status: 'merged', mergedInto: MID });
    await insertMerge(sql, { absorbedId: MID, survivorId: LI });
    await insertMerge(sql, { absorbedId: OLD, survivorId: MID });
    await insertIdentifier(sql, api.keyring, { type: 'email', value: 'li.lei@example.com', customerId: LI });
    await insertIdentifier(sql, api.keyring, { type: 'phone', value: '+16502530000', customerId: MID, ownerId: LI });
    await insertConflict(sql, { customerId: MID, otherCustomerId: UNKNOWN, position: 7 });
  });
  afterAll(() => api?.close());

  it('given no bearer token, when a profile is asked, then 401 unauthorized names the Bearer scheme', async () => {
    const answer = await api.get(`/v1/customers/${LI}`, null);

    expect(answer.status).toBe(401);
    expect(answer.body.code).toBe('unauthorized');
    expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('given role pii_reader, when a profile is asked, then identifiers and personal traits are in clear', async () => {
    const answer = await api.get(`/v1/customers/${LI}`, 'pii_reader');

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      customerId: LI,
      status: 'live',
      displayName: 'Li Lei',
      identifiers: [
        { type: 'email', value: 'li.lei@example.com' },
        { type: 'phone', value: '+16502530000' },
      ],
      traits: { name: 'Li Lei', email: 'li.lei@example.com', plan: 'gold' },
      computed: { lifetimeValue: 12_000, valueTier: 'A' },
      channels: ['pos', 'web'],
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    expect([...answer.body.mergedFrom].sort()).toEqual([MID, OLD]);
  });

  it('given role reader, when the same profile is asked, then personal values are masked and the rest kept', async () => {
    const answer = await api.get(`/v1/customers/${LI}`, 'reader');

    expect(answer.status).toBe(200);
    expect(answer.body.displayName).toBe('L. L.');
    expect(answer.body.identifiers).toEqual([
      { type: 'email', value: 'l***@example.com' },
      { type: 'phone', value: '+1 *** **** 0000' },
    ]);
    expect(answer.body.traits).toEqual({ name: 'L. L.', email: 'l***@example.com', plan: 'gold' });
    expect(JSON.stringify(answer.body)).not.toContain('li.lei@example.com');
  });

  it('given profile reads by both roles, then each is in the access log with its role and whether it was personal', async () => {
    await api.get(`/v1/customers/${LI}`, 'reader');
    await api.get(`/v1/customers/${LI}`, 'pii_reader');

    const { rows } = await api.db.sql.query(
      'SELECT token_id, role, method, path, customer_id, personal FROM api_access_log ORDER BY id DESC LIMIT 2',
    );
    expect(rows).toEqual([
      {
        token_id: api.tokens.pii_reader.id,
        role: 'pii_reader',
        method: 'GET',
        path: `/v1/customers/${LI}`,
        customer_id: LI,
        personal: true,
      },
      {
        token_id: api.tokens.reader.id,
        role: 'reader',
        method: 'GET',
        path: `/v1/customers/${LI}`,
        customer_id: LI,
        personal: false,
      },
    ]);
  });

  it('given 40 reads at once, then each is in the access log once, though reads finishing together share an INSERT', async () => {
    const count = async () =>
      Number(
        (
          await api.db.sql.query<{ n: string }>(
            `SELECT count(*) AS n FROM api_access_log WHERE path = $1 AND customer_id = $2`,
            [`/v1/customers/${OLD}`, LI],
          )
        ).rows[0]!.n,
      );
    const before = await count();

    const answers = await Promise.all(Array.from({ length: 40 }, () => api.get(`/v1/customers/${OLD}`, 'reader')));

    expect(answers.map((a) => a.status)).toEqual(Array(40).fill(200));
    expect((await count()) - before).toBe(40);
  });

  it('given an id absorbed twice over, when it is asked, then the live survivor answers and says so', async () => {
    const answer = await api.get(`/v1/customers/${OLD}`, 'pii_reader');

    expect(answer.status).toBe(200);
    expect(answer.body.customerId).toBe(LI);
    expect(answer.body.resolvedFrom).toBe(OLD);
    expect(answer.headers.get('content-location')).toBe(`/v1/customers/${LI}`);
  });

  it('given an unknown customer id, when it is asked, then 404 not_found', async () => {
    const answer = await api.get(`/v1/customers/${UNKNOWN}`, 'reader');

    expect(answer.status).toBe(404);
    expect(answer.body.code).toBe('not_found');
  });

  it('given an e-mail in another case and with spaces, when looked up, then its owner’s profile answers', async () => {
    const answer = await api.get(
      `/v1/customers/lookup?type=email&value=${encodeURIComponent('  Li.Lei@EXAMPLE.com ')}`,
      'reader',
    );

    expect(answer.status).toBe(200);
    expect(answer.body.customerId).toBe(LI);
    expect(answer.body.identifiers[0].value).toBe('l***@example.com');
  });

  it('given a phone number in national format, when looked up, then the customer holding it through a merge answers', async () => {
    const answer = await api.get(
      `/v1/customers/lookup?type=phone&value=${encodeURIComponent('(650) 253-0000')}`,
      'pii_reader',
    );

    expect(answer.status).toBe(200);
    expect(answer.body.customerId).toBe(LI);
    const { rows } = await api.db.sql.query<{ path: string }>(
      'SELECT path FROM api_access_log ORDER BY id DESC LIMIT 1',
    );
    expect(rows[0]!.path).toBe('/v1/customers/lookup');
  });

  it('given an identifier nobody holds, when looked up, then 404', async () => {
    const answer = await api.get('/v1/customers/lookup?type=email&value=nobody@example.com', 'reader');

    expect(answer.status).toBe(404);
  });

  it('given a merge chain and a refused merge, when a member’s merges are asked, then links, merges and the conflict explain it', async () => {
    const answer = await api.get(`/v1/customers/${MID}/merges`, 'reader');

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      customerId: LI,
      resolvedFrom: MID,
      members: [LI, expect.any(String), expect.any(String)],
    });
    expect(answer.body.identifiers).toEqual([
      expect.objectContaining({ type: 'email', value: 'l***@example.com', customerId: LI }),
      expect.objectContaining({ type: 'phone', value: '+1 *** **** 0000', customerId: MID }),
    ]);
    expect(
      answer.body.merges.map((m: { absorbedId: string; survivorId: string }) => [m.absorbedId, m.survivorId]),
    ).toEqual(
      expect.arrayContaining([
        [MID, LI],
        [OLD, MID],
      ]),
    );
    expect(answer.body.merges[0]).toMatchObject({
      ruleVersion: 'identity-rules/1',
      evidence: [{ type: 'email' }],
      revertedAt: null,
    });
    expect(answer.body.conflicts).toEqual([
      expect.objectContaining({ customerId: MID, reason: 'contradicting_evidence', otherCustomerId: UNKNOWN }),
    ]);
  });

  it.each([
    ['an unknown identifier type', '/v1/customers/lookup?type=fax&value=1', 'type'],
    ['an invalid e-mail', '/v1/customers/lookup?type=email&value=not-an-address', 'value'],
    ['a customer id that is not a UUID', '/v1/customers/abc', 'id'],
    ['a bad asOf', `/v1/customers/${LI}?asOf=yesterday`, 'asOf'],
    ['an unknown parameter', `/v1/customers/${LI}?asof=2026-01-01`, 'asof'],
    ['a repeated parameter', `/v1/customers/${LI}?asOf=2026-01-01&asOf=2026-01-02`, 'asOf'],
  ])('given %s, when asked, then 400 names the parameter', async (_case, path, parameter) => {
    const answer = await api.get(path, 'reader');

    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('invalid_parameter');
    expect(answer.body.details.issues.map((i: { path: string }) => i.path)).toContain(parameter);
  });

  it('given the access log cannot be written, when a pii_reader reads a profile, then 503 and nothing personal is served', async () => {
    await api.db.sql.exec('ALTER TABLE api_access_log RENAME TO api_access_log_away');
    try {
      const answer = await api.get(`/v1/customers/${LI}`, 'pii_reader');

      expect(answer.status).toBe(503);
      expect(answer.body.code).toBe('access_log_unavailable');
      expect(JSON.stringify(answer.body)).not.toContain('li.lei');
    } finally {
      await api.db.sql.exec('ALTER TABLE api_access_log_away RENAME TO api_access_log');
    }
  });
});
