import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  ConcurrencyError,
  InfrastructureError,
  isRetriable,
  NotFoundError,
  ValidationError,
} from './index';

describe('error hierarchy', () => {
  it('given a validation failure at a path, then the issue names the path and the JSON form has a stable code', () => {
    const error = ValidationError.forPath('batch[3].properties.revenue', 'must be a number');
    expect(error.issues).toEqual([{ path: 'batch[3].properties.revenue', message: 'must be a number' }]);
    expect(error.toJSON()).toEqual({
      code: 'validation_failed',
      message: 'batch[3].properties.revenue: must be a number',
      details: { issues: [{ path: 'batch[3].properties.revenue', message: 'must be a number' }] },
    });
    expect(isRetriable(error)).toBe(false);
  });

  it('given a broken connection, then the infrastructure error keeps its cause and says it is retriable', () => {
    const cause = new Error('ECONNRESET');
    const error = new InfrastructureError('database unavailable', { retriable: true, cause });
    expect(error.cause).toBe(cause);
    expect(isRetriable(error)).toBe(true);
    expect(isRetriable(new InfrastructureError('bad password', { retriable: false }))).toBe(false);
  });

  it('given each kind, then name and code tell them apart and concurrency conflicts are retriable', () => {
    const kinds = [
      new NotFoundError('no customer c-1'),
      new ConcurrencyError('stream moved'),
      new ValidationError('bad'),
    ];
    expect(kinds.map((e) => [e.name, e.code, e.retriable])).toEqual([
      ['NotFoundError', 'not_found', false],
      ['ConcurrencyError', 'concurrency_conflict', true],
      ['ValidationError', 'validation_failed', false],
    ]);
    expect(isRetriable(new Error('plain'))).toBe(false);
  });
});

describe('back-off', () => {
  it('given successive attempts, then delays double within ±20 % and stop at the cap', () => {
    const delays = [1, 2, 3, 4].map((attempt) => backoffDelay(attempt, { initialMs: 100, maxMs: 350 }));
    expect(delays[0]).toBeGreaterThanOrEqual(80);
    expect(delays[0]).toBeLessThanOrEqual(120);
    expect(delays[1]).toBeGreaterThanOrEqual(160);
    expect(delays[1]).toBeLessThanOrEqual(240);
    for (const capped of delays.slice(2)) {
      expect(capped).toBeGreaterThanOrEqual(280);
      expect(capped).toBeLessThanOrEqual(420);
    }
  });
});
