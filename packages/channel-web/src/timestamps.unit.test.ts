import { describe, expect, it } from 'vitest';
import { occurredAt, parseIsoTimestamp } from './timestamps';

const RECEIVED = Date.UTC(2026, 2, 14, 9, 0, 0);

describe('parseIsoTimestamp', () => {
  it.each([
    ['2026-03-14T09:00:00.000Z', RECEIVED],
    ['2026-03-14T09:00:00Z', RECEIVED],
    ['2026-03-14T09:00:00.5Z', RECEIVED + 500],
    ['2026-03-14T09:00:00.123456Z', RECEIVED + 123],
    ['2026-03-14T11:00:00+02:00', RECEIVED],
    ['2026-03-14T04:30:00-0430', RECEIVED],
    ['2026-03-14T09:00:00', RECEIVED],
    ['2026-03-14', Date.UTC(2026, 2, 14)],
    ['2015-2-02T00:30:08.276Z', Date.UTC(2015, 1, 2, 0, 30, 8, 276)],
  ])('given %s, then it is %i', (text, expected) => {
    expect(parseIsoTimestamp(text)).toBe(expected);
  });

  it.each(['yesterday', '2026-02-30T00:00:00Z', '2026-13-01', '2026-03-14T25:00:00Z', '1710406800000', ''])(
    'given %j, then it is not a timestamp',
    (text) => {
      expect(parseIsoTimestamp(text)).toBeUndefined();
    },
  );
});

describe('occurredAt (Segment: timestamp = receivedAt − (sentAt − originalTimestamp))', () => {
  const none = { timestamp: null, originalTimestamp: null, sentAt: null };

  it('given a device clock 1 h ahead, when the call was made 2 s before sending, then it occurred 2 s before receipt', () => {
    const ahead = RECEIVED + 3_600_000;
    const result = occurredAt({ ...none, timestamp: ahead - 2_000, sentAt: ahead }, RECEIVED);
    expect(result).toEqual({ value: RECEIVED - 2_000, from: 'timestamp' });
  });

  it('given originalTimestamp instead of timestamp, then it is corrected the same way', () => {
    const result = occurredAt({ ...none, originalTimestamp: RECEIVED - 7_000, sentAt: RECEIVED - 5_000 }, RECEIVED);
    expect(result).toEqual({ value: RECEIVED - 2_000, from: 'originalTimestamp' });
  });

  it('given timestamp and originalTimestamp (already corrected once), then timestamp stands', () => {
    const result = occurredAt({ timestamp: 1_000_000, originalTimestamp: 999_000, sentAt: 999_500 }, RECEIVED);
    expect(result.value).toBe(1_000_000);
  });

  it('given a timestamp without sentAt, then it stands; given nothing, then receivedAt', () => {
    expect(occurredAt({ ...none, timestamp: 1_000_000 }, RECEIVED).value).toBe(1_000_000);
    expect(occurredAt(none, RECEIVED)).toEqual({ value: RECEIVED, from: null });
  });
});
