import { describe, expect, it } from 'vitest';
import { errorCallback } from './logger';
import { capturedLogger } from './testing';

describe('structured logs', () => {
  it('given a line, then it is one JSON object with level, time, service, pid and the message', () => {
    const { logger, lines } = capturedLogger();
    logger.info({ batch: 3 }, 'ingested');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'info', service: 'test', pid: process.pid, batch: 3, msg: 'ingested' });
    expect(typeof lines[0]!.time).toBe('string');
  });

  it('given an object with secrets and personal data at several depths, when logged, then each is printed redacted', () => {
    const { logger, lines } = capturedLogger();
    logger.info(
      {
        writeKey: 'wk_live_secret',
        token: 'at_secret',
        req: { headers: { authorization: 'Basic d2tfbGl2ZTo=', 'x-twilio-signature': 'sig', accept: 'json' } },
        customer: { email: 'ada@example.com', phone: '+14155550100', id: 'c-1' },
        touchpoint: { identifiers: [{ type: 'email', value: 'ada@example.com' }], traits: { firstName: 'Ada' } },
        source: { adminToken: 'at_admin', system: 'segment' },
      },
      'with secrets',
    );
    const printed = JSON.stringify(lines[0]);
    for (const secret of [
      'wk_live_secret',
      'at_secret',
      'd2tfbGl2ZTo',
      'ada@example.com',
      '+14155550100',
      'Ada',
      'at_admin',
      '"sig"',
    ]) {
      expect(printed).not.toContain(secret);
    }
    expect(lines[0]).toMatchObject({
      writeKey: '[redacted]',
      token: '[redacted]',
      req: { headers: { authorization: '[redacted]', 'x-twilio-signature': '[redacted]', accept: 'json' } },
      customer: { email: '[redacted]', phone: '[redacted]', id: 'c-1' },
      touchpoint: { identifiers: '[redacted]', traits: '[redacted]' },
      source: { adminToken: '[redacted]', system: 'segment' },
    });
  });

  it('given the error callback the packages accept, then an error is logged at error level with its type and stack', () => {
    const { logger, lines } = capturedLogger();
    errorCallback(logger, 'query API failed')(new TypeError('boom'));
    expect(lines[0]).toMatchObject({
      level: 'error',
      msg: 'query API failed',
      err: { type: 'TypeError', message: 'boom' },
    });
    expect(String((lines[0]!.err as { stack: string }).stack)).toContain('TypeError: boom');
  });
});
