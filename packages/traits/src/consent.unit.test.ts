import { describe, expect, it } from 'vitest';
import { computeTraits } from './compute';
import { atDay, call, day, email, pageView, posReceipt, web } from './test-facts';

describe('consent', () => {
  it('given an opted-in reader who unsubscribes, when traits are computed, then e-mail marketing consent is false', () => {
    const facts = [
      web({ type: 'identified', at: day(0), consent: { analytics: true, email_marketing: true } }),
      email({ type: 'unsubscribed', at: day(5) }),
    ];

    expect(computeTraits(facts, { now: atDay(6) }).consent).toEqual({ analytics: true, email_marketing: false });
  });

  it('given an unsubscribe and a later re-subscription on the web, when traits are computed, then e-mail marketing is granted again', () => {
    const facts = [
      web({ type: 'identified', at: day(9), consent: { email_marketing: true } }),
      email({ type: 'unsubscribed', at: day(5), consent: { email_marketing: false } }),
    ];

    expect(computeTraits(facts, { now: atDay(10) }).consent).toEqual({ email_marketing: true });
  });

  it('given a re-subscription that arrived before an older unsubscribe, when traits are computed, then the later-happened one wins', () => {
    const facts = [email({ type: 'resubscribed', at: day(9) }), email({ type: 'unsubscribed', at: day(5) })];

    expect(computeTraits(facts, { now: atDay(10) }).consent).toEqual({ email_marketing: true });
  });

  it('given a customer who accepts calls but not unsolicited e-mail, when traits are computed, then both purposes are kept', () => {
    const facts = [web({ type: 'identified', at: day(0), consent: { phone_calls: true, email_marketing: false } })];

    expect(computeTraits(facts, { now: atDay(1) }).consent).toEqual({ phone_calls: true, email_marketing: false });
  });
});

describe('channel mix', () => {
  it('given touchpoints on four channels, when traits are computed, then each channel has its share and the shares sum to 1', () => {
    const facts = [
      pageView(day(0)),
      pageView(day(1)),
      pageView(day(2)),
      posReceipt({ at: day(3), total: 999 }),
      email({ type: 'email_opened', at: day(4) }),
      email({ type: 'email_clicked', at: day(4.1) }),
      call({ at: day(5), category: 'information', disposition: 'answered' }),
    ];

    const mix = computeTraits(facts, { now: atDay(6) }).channelMix;

    expect(mix).toEqual({ web: 3 / 7, pos: 1 / 7, email: 2 / 7, call_center: 1 / 7 });
    expect(Object.values(mix).reduce((sum, share) => sum + share, 0)).toBeCloseTo(1, 12);
  });

  it('given no touchpoints, when traits are computed, then the mix is empty', () => {
    expect(computeTraits([], { now: atDay(0) }).channelMix).toEqual({});
  });
});
