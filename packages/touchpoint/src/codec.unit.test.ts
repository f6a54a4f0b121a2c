import { describe, expect, it } from 'vitest';
import { createTouchpointCodec, decodeTouchpoint, encodeTouchpoint } from './codec';
import { getTouchpointSchemas } from './default-schemas';
import { fromJsonTextMap, toJsonTextMap } from './json-text-map';
import { unwrapPayload, wrapPayload } from './payload';
import { callComplaint, exampleTouchpoints, webProductViewed } from './testing/examples';
import type { CallCenterPayload, Touchpoint } from './types';

const withNotes = (notes: string): Touchpoint => ({
  ...callComplaint,
  payload: wrapPayload('call_center', {
    ...(unwrapPayload(callComplaint.payload)?.payload as CallCenterPayload),
    notes,
  }),
});

describe('encodeTouchpoint / decodeTouchpoint', () => {
  it('given a touchpoint, when encoded, then the message is C3 01 + the current fingerprint (little-endian) + the Avro body', () => {
    const message = encodeTouchpoint(webProductViewed);
    const current = getTouchpointSchemas().current;
    expect(message.subarray(0, 2).toString('hex')).toBe('c301');
    expect(message.readBigUInt64LE(2)).toBe(current.fingerprint);
    expect(message.subarray(10).equals(current.type.toBuffer(webProductViewed))).toBe(true);
  });

  it.each(Object.entries(exampleTouchpoints))(
    'given example %s, when encoded and decoded, then it is unchanged',
    (_name, tp) => {
      expect(decodeTouchpoint(encodeTouchpoint(tp))).toEqual(tp);
    },
  );

  it('given names and notes in Chinese, German and emoji, when round-tripped, then every character survives', () => {
    const notes = '李雷 und Zoë — Beschwerde über die Crème brûlée 🍮; 韩梅梅 hat zurückgerufen.';
    const tp = { ...withNotes(notes), traits: toJsonTextMap({ name: '李雷', nickname: 'Zoë 🌷' }) };
    const decoded = decodeTouchpoint(encodeTouchpoint(tp));
    expect((unwrapPayload(decoded.payload)?.payload as CallCenterPayload).notes).toBe(notes);
    expect(fromJsonTextMap(decoded.traits)).toEqual({ name: '李雷', nickname: 'Zoë 🌷' });
  });

  it('given a 200 KB notes field, when round-tripped, then it comes back byte for byte', () => {
    const notes = '通话记录 call notes; '.repeat(10_000).slice(0, 200 * 1024);
    const message = encodeTouchpoint(withNotes(notes));
    expect(message.length).toBeGreaterThan(200 * 1024);
    const decoded = decodeTouchpoint(message);
    expect((unwrapPayload(decoded.payload)?.payload as CallCenterPayload).notes).toBe(notes);
  });

  it('given a Uint8Array view (not a Buffer) on the message, when decoded, then it reads the same', () => {
    const message = encodeTouchpoint(webProductViewed);
    const padded = new Uint8Array(message.length + 3);
    padded.set(message, 3);
    expect(decodeTouchpoint(padded.subarray(3))).toEqual(webProductViewed);
  });

  it('given a codec for an unknown version, when created, then it fails at once', () => {
    expect(() => createTouchpointCodec({ version: 'v99' })).toThrow(/unknown touchpoint schema version v99/);
  });

  it('given a decoded touchpoint, when serialised to JSON, then it equals the original (plain data, no extra fields)', () => {
    const decoded = decodeTouchpoint(encodeTouchpoint(webProductViewed));
    expect(JSON.parse(JSON.stringify(decoded))).toEqual(JSON.parse(JSON.stringify(webProductViewed)));
  });
});
