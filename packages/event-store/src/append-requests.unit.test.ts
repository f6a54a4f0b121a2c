import { describe, expect, it } from 'vitest';
import { ConcurrencyError, InfrastructureError, ValidationError } from '@c360/errors';
import { errorOfRequest } from './append-requests';

describe('errorOfRequest', () => {
  it('given a validation failure, then its issue paths start at the request and details name it', () => {
    const error = errorOfRequest(ValidationError.forPath('events[0].id', 'must be a UUID'), 2, 's-1');
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({
      message: 'requests[2].events[0].id: must be a UUID',
      issues: [{ path: 'requests[2].events[0].id', message: 'must be a UUID' }],
      details: { requestIndex: 2, streamId: 's-1' },
    });
  });

  it('given a conflict or an infrastructure failure, then details gain the request and keep the rest', () => {
    const cause = new Error('driver');
    const conflict = new ConcurrencyError('stream s-1 moved', { details: { streamId: 's-1', actual: '4' }, cause });
    expect(errorOfRequest(conflict, 1, 's-1')).toMatchObject({
      details: { requestIndex: 1, streamId: 's-1', actual: '4' },
      cause,
      retriable: true,
    });
    const down = new InfrastructureError('unavailable', { retriable: true });
    expect(errorOfRequest(down, 3, 's-2')).toMatchObject({ retriable: true, details: { requestIndex: 3 } });
  });

  it('given a subclass of the hierarchy or a programming error, then it passes through unchanged', () => {
    class DriverError extends InfrastructureError {}
    const driver = new DriverError('x', { retriable: false });
    const bug = new TypeError('x is undefined');
    expect(errorOfRequest(driver, 0, 's')).toBe(driver);
    expect(errorOfRequest(bug, 0, 's')).toBe(bug);
  });
});
