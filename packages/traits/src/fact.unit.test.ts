import { callComplaint, emailClicked, posReturn, posSale, webProductViewed } from '@c360/touchpoint/testing';
import { toJsonTextMap } from '@c360/touchpoint';
import { describe, expect, it } from 'vitest';
import { factFromTouchpoint } from './fact';
import { contactSummary } from './summary';
import { call, day, surveyAnswer, webOrder, webRefund } from './test-facts';

describe('contact facts', () => {
  it('given a web touchpoint, when its fact is built, then payload is unwrapped and traits and properties are parsed', () => {
    const fact = factFromTouchpoint(webProductViewed);

    expect(fact.payload?.channel).toBe('web');
    expect(fact.traits).toEqual({ name: 'Zoë Ångström', newsletter: true, address: { city: 'Zürich', country: 'CH' } });
    expect(fact.properties).toEqual({
      product_id: 'SKU-10231',
      name: 'Crème brûlée set',
      price: 34.9,
      currency: 'CHF',
    });
    expect(fact.context).toEqual({ timezone: 'Europe/Zurich', screen: { width: 390, height: 844 } });
    expect(fact.consent).toEqual({ analytics: true, email_marketing: true });
  });

  it('given a fact, when it goes through JSON (as the contact history stores it), then it comes back equal', () => {
    for (const touchpoint of [webProductViewed, callComplaint, posSale, posReturn, emailClicked]) {
      const fact = factFromTouchpoint(touchpoint);
      expect(JSON.parse(JSON.stringify(fact))).toEqual(fact);
    }
  });

  it('given a stored trait that is not JSON text, when its fact is built, then the raw string is kept instead of failing', () => {
    const fact = factFromTouchpoint({ ...posSale, traits: { tier: 'gold', visits: '12' } });

    expect(fact.traits).toEqual({ tier: 'gold', visits: 12 });
  });

  it('given a payload of another channel or not a payload at all, when its fact is built, then it has no payload', () => {
    const webPayloadOnPos = { ...posSale, payload: webProductViewed.payload };

    expect(factFromTouchpoint(webPayloadOnPos).payload).toBeNull();
    expect(factFromTouchpoint({ ...posSale, payload: 'garbage' }).payload).toBeNull();
    expect(factFromTouchpoint({ ...posSale, payload: null }).payload).toBeNull();
  });
});

describe('contact summary', () => {
  it('given a POS sale and its return, when summarised, then the amounts are signed minor units with lines and coupons', () => {
    expect(contactSummary(factFromTouchpoint(posSale))).toEqual({
      amount: 4584,
      currency: 'EUR',
      lines: 3,
      coupons: 1,
      storeId: 'store-0815',
    });
    expect(contactSummary(factFromTouchpoint(posReturn))).toMatchObject({ amount: -3999, currency: 'EUR', lines: 1 });
  });

  it('given a complaint call, when summarised, then category, disposition and duration show but no notes or agent name', () => {
    const summary = contactSummary(factFromTouchpoint(callComplaint));

    expect(summary).toEqual({
      category: 'complaint',
      disposition: 'escalated',
      direction: 'inbound',
      talkSeconds: 641,
    });
  });

  it('given personal touchpoints, when summarised, then no name, subject, note, address or identifier appears', () => {
    const text = JSON.stringify(
      [webProductViewed, callComplaint, posSale, emailClicked].map((t) => contactSummary(factFromTouchpoint(t))),
    );

    for (const personal of [
      'Zoë',
      '李雷',
      '韩梅梅',
      '客户投诉',
      'zoe.angstrom',
      'Zürich',
      'shop.example.ch',
      'LOY-7731',
    ]) {
      expect(text).not.toContain(personal);
    }
    expect(contactSummary(factFromTouchpoint(emailClicked))).toEqual({
      campaignId: 'cmp-2026-spring',
      campaignName: 'Frühlingsangebote – 20 % auf Crème-Sets',
    });
  });

  it('given a web order and its refund in major units, when summarised, then amounts are minor units with the order id', () => {
    expect(contactSummary(webOrder({ at: day(0), total: 49.9, currency: 'EUR', orderId: 'W-1' }))).toEqual({
      amount: 4990,
      currency: 'EUR',
      orderId: 'W-1',
      event: 'Order Completed',
    });
    expect(contactSummary(webRefund({ at: day(1), orderId: 'W-1', total: 10, currency: 'EUR' }))).toMatchObject({
      amount: -1000,
    });
  });

  it('given a web order naming no currency, when summarised, then no amount is shown (a guess would mislabel it)', () => {
    expect(contactSummary(webOrder({ at: day(0), total: 49.9 }))).not.toHaveProperty('amount');
  });

  it('given a survey answer and a resolution call, when summarised, then the score and disposition show', () => {
    expect(contactSummary(surveyAnswer(day(0), 5))).toMatchObject({ score: 5 });
    expect(contactSummary(call({ at: day(0), category: 'consultation', disposition: 'resolved' }))).toMatchObject({
      disposition: 'resolved',
    });
  });

  it('given a touchpoint without payload, when summarised, then the summary is empty', () => {
    const fact = factFromTouchpoint({
      touchpointId: 'tp-1',
      channel: 'web',
      type: 'identified',
      occurredAt: day(0),
      payload: null,
      traits: toJsonTextMap({ name: 'Zoë' }),
      consent: null,
    });

    expect(contactSummary(fact)).toEqual({});
  });
});
