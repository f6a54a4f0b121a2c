import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollectorHarness, type CollectorHarness } from '@c360/channels/testing';
import { touchpointId } from '@c360/touchpoint';
import { segmentAdapter } from './index';
import { iso, NOW, onePublished, post } from './test-support';

let harness: CollectorHarness;
beforeAll(async () => {
  harness = await startCollectorHarness({ adapters: [segmentAdapter()], channel: 'web', now: () => new Date(NOW) });
});
afterAll(async () => harness?.close());

describe('segment-http: timestamps (Spec: Common Fields → Timestamps)', () => {
  const occurred = async (messageId: string, fields: Record<string, string>): Promise<number> => {
    expect((await post(harness, '/v1/track', { messageId, userId: 'u-t', event: 'Tick', ...fields })).status).toBe(200);
    return (await onePublished(harness, messageId)).occurredAt;
  };

  it('given no timestamp at all, then occurredAt is our receivedAt', async () => {
    expect(await occurred('ts-none', {})).toBe(NOW);
  });

  it('given a historical timestamp without sentAt, then it is kept as is', async () => {
    expect(await occurred('ts-historical', { timestamp: '2019-05-01T12:00:00.000Z' })).toBe(Date.UTC(2019, 4, 1, 12));
  });

  it('given originalTimestamp and sentAt (RudderStack style), then receivedAt − (sentAt − originalTimestamp)', async () => {
    const at = await occurred('ts-original', { originalTimestamp: iso(NOW - 60_000 - 500), sentAt: iso(NOW - 60_000) });
    expect(at).toBe(NOW - 500);
  });

  it('given an already corrected timestamp next to originalTimestamp (a re-export), then timestamp is kept as is', async () => {
    const at = await occurred('ts-reexport', {
      timestamp: '2015-12-10T04:08:31.905Z',
      originalTimestamp: '2015-12-10T04:08:31.577Z',
      sentAt: '2015-12-10T04:08:31.581Z',
    });
    expect(at).toBe(Date.parse('2015-12-10T04:08:31.905Z'));
  });

  it('given a timestamp with a zone offset, then it is read in that zone', async () => {
    expect(await occurred('ts-zone', { timestamp: '2026-03-14T10:00:00+01:00' })).toBe(NOW);
  });
});

describe('segment-http: ids', () => {
  it('given a call without messageId re-sent with a new sentAt, then both sends get the same derived touchpointId', async () => {
    const call = { userId: 'u-8', event: 'Tick', timestamp: iso(NOW - 1_000) };

    expect((await post(harness, '/v1/track', { ...call, sentAt: iso(NOW) })).status).toBe(200);
    expect((await post(harness, '/v1/track', { ...call, sentAt: iso(NOW + 5_000), writeKey: 'x' })).status).toBe(200);

    const derived = (await harness.touchpoints()).filter((t) => t.identifiers[0]?.value === 'u-8');
    expect(derived).toHaveLength(2);
    expect(derived[0]!.source.sourceId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(derived[1]!.touchpointId).toBe(derived[0]!.touchpointId);
    expect(derived[0]!.touchpointId).toBe(touchpointId({ system: 'segment', sourceId: derived[0]!.source.sourceId }));
  });
});
