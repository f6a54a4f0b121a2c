import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceKeyStore } from '@c360/auth';
import { startCollectorHarness, type CollectorHarness } from '@c360/channels/testing';
import { computeTraits, factFromTouchpoint } from '@c360/traits';
import { touchpointId, type Touchpoint } from '@c360/touchpoint';
import { callCsvImportAdapter } from './index';
import { admin, callPayload, contextOf, counts, eventually, fixture, post } from './test-support';

const PATH = '/v1/callcenter/calls.csv';
const CSV = 'text/csv; charset=utf-8';
const HEADER =
  'call_id,caller_number,direction,queue,agent,started_at,ended_at,talk_seconds,hold_seconds,disposition,category,notes';
const CARD = '4111 1111 1111 1111';

interface Summary {
  rows: number;
  accepted: number;
  quarantined: number;
  errors: { line: number; reason: string; issues: { path: string; message: string }[] }[];
  errorsOmitted: number;
}

describe('call-detail CSV import', () => {
  let harness: CollectorHarness;
  let sourceKeyId: string;
  const idOf = (callId: string) => touchpointId({ system: 'callcenter-csv', sourceId: `${sourceKeyId}/${callId}` });
  const byId = async (): Promise<Map<string, Touchpoint>> =>
    new Map((await harness.touchpoints()).map((t) => [t.touchpointId, t]));
  const importCsv = async (body: string | Buffer) => {
    const response = await post(harness, PATH, body, { contentType: CSV });
    return { ...response, summary: response.body as unknown as Summary };
  };

  beforeAll(async () => {
    harness = await startCollectorHarness({ adapters: [callCsvImportAdapter()], channel: 'call_center' });
    const keys = await admin(harness, 'GET', '/v1/admin/source-keys');
    sourceKeyId = (keys.body.sourceKeys as { id: string }[])[0]!.id;
  });
  afterAll(async () => harness.close());

  it('given a call-detail CSV, when imported, then every row becomes a call touchpoint mapped like a CTR', async () => {
    const { status, summary } = await importCsv(fixture('csv/calls.csv'));
    expect(status).toBe(200);
    expect(summary).toEqual({ rows: 6, accepted: 6, quarantined: 0, errors: [], errorsOmitted: 0 });

    const stored = await byId();
    const purchase = stored.get(idOf('HL-2026-000101'))!;
    expect(purchase).toMatchObject({
      channel: 'call_center',
      type: 'call_completed',
      occurredAt: Date.parse('2026-03-14T09:15:02Z'),
      source: { system: 'callcenter-csv', sourceId: `${sourceKeyId}/HL-2026-000101`, adapter: 'callcenter-calls-csv' },
    });
    expect(purchase.identifiers).toEqual([
      { type: 'phone', value: '+41446681800' },
      { type: 'email', value: 'lena.fischer@example.ch' },
      { type: 'customer_number', value: 'C-004211' },
    ]);
    expect(callPayload(purchase)).toEqual({
      direction: 'inbound',
      queue: 'Orders',
      agentId: 'anna.mueller',
      agentName: null,
      startedAt: Date.parse('2026-03-14T09:15:02Z'),
      endedAt: Date.parse('2026-03-14T09:23:05Z'),
      talkSeconds: 412,
      holdSeconds: 35,
      disposition: 'order placed',
      category: 'purchase',
      notes: 'Ordered 2 × 10 kg rice sacks, delivery Friday.',
    });

    // A national number takes the default region (US); a withheld caller carries no phone identifier.
    expect(stored.get(idOf('HL-2026-000102'))!.identifiers).toEqual([{ type: 'phone', value: '+12126647665' }]);
    const withheld = stored.get(idOf('HL-2026-000104'))!;
    expect(withheld.identifiers).toEqual([]);
    expect(contextOf(withheld)).toMatchObject({ callerNumber: 'anonymous', callId: 'HL-2026-000104' });
    expect(callPayload(withheld)).toMatchObject({ category: 'information', agentId: null, talkSeconds: 0 });

    const complaint = stored.get(idOf('HL-2026-000103'))!;
    expect(complaint.type).toBe('complaint_logged');
    expect(callPayload(complaint).notes).toBe(
      '顾客投诉：洗衣机送货延迟三天，门把手损坏。\n已承诺24小时内派技术员上门。',
    );
    expect(callPayload(stored.get(idOf('HL-2026-000105'))!).notes).toBe(
      'Technician visit confirmed, customer says "all fixed".',
    );
  });

  it('given the complaint call and the later resolved call, then the traits count one complaint opened and closed', async () => {
    const stored = await byId();
    const calls = ['HL-2026-000103', 'HL-2026-000105'].map((id) => factFromTouchpoint(stored.get(idOf(id))!));
    const traits = computeTraits(calls, { now: new Date('2026-03-16T00:00:00Z') });
    expect(traits.complaints).toMatchObject({ open: 0, closed: 1, closedWithinTarget: 1 });
    const onlyOpened = computeTraits(calls.slice(0, 1), { now: new Date('2026-03-16T00:00:00Z') });
    expect(onlyOpened.complaints).toMatchObject({ open: 1, closed: 0 });
  });

  it('given the same file imported again, then the same touchpoint ids and quarantine ids, nothing new', async () => {
    const before = await harness.touchpoints();
    const { summary } = await importCsv(fixture('csv/calls.csv'));
    expect(summary.accepted).toBe(6);
    const after = await harness.touchpoints();
    expect(new Set(after.map((t) => t.touchpointId))).toEqual(new Set(before.map((t) => t.touchpointId)));
    expect(after.slice(before.length).map((t) => t.touchpointId)).toEqual(before.map((t) => t.touchpointId));
  });

  describe('given bad rows, then each is quarantined on its own with its line, reason and text; the good ones arrive', () => {
    const rows = [
      'OK-1,+41446681800,inbound,Orders,anna,2026-03-16T09:00:00Z,2026-03-16T09:05:00Z,300,0,,purchase,fine',
      'BAD-TYPES,+41446681800,sideways,Orders,anna,2026-03-16T09:00:00Z,,five,0,,sales,',
      ',+41446681800,inbound,Orders,anna,2026-03-16T09:00:00Z,,10,0,,information,no id',
      'BAD-DATE,+41446681800,inbound,Orders,anna,2026-02-30T09:00:00Z,,10,0,,information,',
      `BAD-CARD,+41446681800,inbound,Billing,anna,2026-03-16T10:00:00Z,,60,0,,complaint,"customer read out ${CARD} twice"`,
      'OK-2,+41446681800,outbound,Orders,anna,2026-03-16T11:00:00Z,,60,0,resolved,complaint,',
      'CUT-1,+4144668',
    ];
    let summary: Summary;
    beforeAll(async () => {
      summary = (await importCsv(`${HEADER}\n${rows.join('\n')}\n`)).summary;
    });

    it('then the totals count them and the errors name line and column', () => {
      expect(summary).toMatchObject({ rows: 7, accepted: 2, quarantined: 5, errorsOmitted: 0 });
      expect(summary.errors.map((e) => [e.line, e.reason, e.issues.map((i) => i.path)])).toEqual([
        [3, 'invalid_call', ['line 3.direction', 'line 3.talk_seconds', 'line 3.category']],
        [4, 'invalid_call', ['line 4.call_id']],
        [5, 'invalid_call', ['line 5.started_at']],
        [6, 'card_number_refused', ['line 6.notes']],
        [8, 'invalid_row', ['line 8']],
      ]);
      expect(summary.errors[2]!.issues[0]!.message).toBe('is not a date that exists');
      expect(summary.errors[4]!.issues[0]!.message).toContain('has 2 field(s); the header has 12');
    });

    it('then the accepted rows are on the bus, a resolved complaint call included', async () => {
      const stored = await byId();
      expect(stored.get(idOf('OK-1'))).toBeDefined();
      expect(stored.get(idOf('OK-2'))).toMatchObject({ type: 'complaint_logged' });
    });

    it('then the card number appears nowhere — not in the answer, not on any topic', async () => {
      expect(JSON.stringify(summary)).not.toContain('1111');
      const card = (await harness.quarantined()).find((q) => q.reason === 'card_number_refused')!;
      const raw = Buffer.from(card.rawBase64, 'base64').toString('utf8');
      expect(raw).toContain('customer read out [REDACTED PAN] twice');
      expect(raw).not.toContain('1111');
    });

    it('then a quarantined row keeps the header, its text and its line, and once repaired and re-submitted it arrives', async () => {
      const message = (await harness.quarantined()).find((q) => q.issues.some((i) => i.path === 'line 5.started_at'))!;
      expect(message).toMatchObject({
        adapter: 'callcenter-calls-csv',
        channel: 'call_center',
        reason: 'invalid_call',
      });
      expect(message.contentType).toBe('text/csv; charset=utf-8; line=5');
      const raw = Buffer.from(message.rawBase64, 'base64').toString('utf8');
      expect(raw).toBe(`${HEADER}\n${rows[3]}\n`);
      await eventually(async () => {
        const list = await admin(harness, 'GET', '/v1/admin/quarantine');
        return (list.body.quarantine as { id: string }[]).find((r) => r.id === message.id);
      });

      const unrepaired = await admin(harness, 'POST', `/v1/admin/quarantine/${message.id}/resubmit`, {});
      expect(unrepaired.body).toMatchObject({ accepted: 0, quarantined: 1, status: 'open' });
      const repaired = raw.replace('2026-02-30', '2026-02-28');
      const resubmitted = await admin(harness, 'POST', `/v1/admin/quarantine/${message.id}/resubmit`, {
        raw: repaired,
      });
      expect(resubmitted).toMatchObject({ status: 200, body: { accepted: 1, quarantined: 0, status: 'resubmitted' } });
      expect((await byId()).get(idOf('BAD-DATE'))!.occurredAt).toBe(Date.parse('2026-02-28T09:00:00Z'));
    });
  });

  it('given a last line cut off inside a quoted field, then the rows before arrive and the cut one is quarantined with its text', async () => {
    const body = `${HEADER}\nOK-3,+41446681800,inbound,Orders,anna,2026-03-17T09:00:00Z,,60,0,,information,ok\nCUT-2,+41446681800,inbound,Orders,anna,2026-03-17T09:10:00Z,,60,0,,information,"the customer said`;
    const { status, summary } = await importCsv(body);
    expect(status).toBe(200);
    expect(summary).toMatchObject({ rows: 2, accepted: 1, quarantined: 1 });
    expect(summary.errors).toEqual([
      {
        line: 3,
        reason: 'invalid_row',
        issues: [{ path: 'line 3', message: expect.stringContaining('quoted field') }],
      },
    ]);
    const cut = (await harness.quarantined()).at(-1)!;
    expect(Buffer.from(cut.rawBase64, 'base64').toString('utf8')).toContain('CUT-2,+41446681800');
  });

  describe('given a request that is not an importable CSV, then 4xx and nothing is written', () => {
    const refused = async (body: string, contentType = CSV) => {
      const before = await counts(harness);
      const response = await post(harness, PATH, body, { contentType });
      expect(await counts(harness)).toEqual(before);
      return response;
    };

    it('when the content type is not text/csv', async () => {
      const response = await refused(fixture('csv/calls.csv').toString(), 'application/json');
      expect(response).toMatchObject({ status: 415, body: { code: 'unsupported_content_type' } });
      expect((await refused(`${HEADER}\n`, 'text/csv; charset=iso-8859-1')).body.code).toBe('unsupported_content_type');
    });

    it('when a required column is missing, or a column is unknown', async () => {
      const missing = await refused(`${HEADER.replace(',started_at', '')}\nx\n`);
      expect(missing).toMatchObject({ status: 400, body: { code: 'invalid_csv_header' } });
      expect(missing.body.details).toMatchObject({
        issues: [{ path: 'line 1.started_at', message: 'is a required column' }],
      });
      const unknown = await refused(`${HEADER},mood\nx\n`);
      expect(unknown.body.details).toMatchObject({ issues: [{ path: 'line 1.mood' }] });
    });

    it('when the file is empty or has only its header', async () => {
      expect(await refused('')).toMatchObject({ status: 400, body: { code: 'empty_csv' } });
      expect(await refused(`${HEADER}\n`)).toMatchObject({ status: 400, body: { code: 'empty_csv' } });
    });

    it('when there is no write key, or one of another channel', async () => {
      const before = await counts(harness);
      const body = fixture('csv/calls.csv');
      expect((await post(harness, PATH, body, { contentType: CSV, authorization: null })).status).toBe(401);
      const { writeKey } = await sourceKeyStore(harness.db.sql).create({ name: 'till', channel: 'pos' });
      const pos = `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;
      expect((await post(harness, PATH, body, { contentType: CSV, authorization: pos })).status).toBe(403);
      expect(await counts(harness)).toEqual(before);
    });
  });
});

describe('call-detail CSV import: limits and progress', () => {
  let harness: CollectorHarness;
  beforeAll(async () => {
    harness = await startCollectorHarness({
      adapters: [callCsvImportAdapter({ limits: { batchSize: 2, maxBytes: 4096, maxRecordBytes: 1024 } })],
      channel: 'call_center',
    });
  });
  afterAll(async () => harness.close());

  it('given Accept: application/x-ndjson, when imported, then one progress line per batch and a summary line', async () => {
    const response = await fetch(`${harness.url}${PATH}`, {
      method: 'POST',
      headers: { authorization: harness.basic, 'content-type': CSV, accept: 'application/x-ndjson' },
      body: fixture('csv/calls.csv'),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/x-ndjson');
    const lines = (await response.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toEqual([
      { type: 'progress', rows: 2, accepted: 2, quarantined: 0 },
      { type: 'progress', rows: 4, accepted: 4, quarantined: 0 },
      { type: 'progress', rows: 6, accepted: 6, quarantined: 0 },
      { type: 'summary', rows: 6, accepted: 6, quarantined: 0, errors: [], errorsOmitted: 0 },
    ]);
  });

  it('given a body over the size limit, then 413', async () => {
    const big = `${HEADER}\n${'x,'.repeat(3000)}\n`;
    const response = await post(harness, PATH, big, { contentType: CSV });
    expect(response).toMatchObject({ status: 413, body: { code: 'payload_too_large' } });
  });

  it('given a record over the record size limit, then 400 invalid_csv naming its line, after the rows before it', async () => {
    const body = `${HEADER}\nR-1,,inbound,,,2026-03-17T09:00:00Z,,0,0,,,\nR-2,,inbound,,,2026-03-17T09:00:00Z,,0,0,,,"${'n'.repeat(2000)}"\n`;
    const response = await post(harness, PATH, body, { contentType: CSV });
    expect(response).toMatchObject({ status: 400, body: { code: 'invalid_csv' } });
    expect(response.body.details).toMatchObject({ line: 3, rows: 1, accepted: 1 });
  });
});
