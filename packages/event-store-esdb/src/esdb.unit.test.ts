/**
 * What of the EventStoreDB adapter can be checked without a server: error and
 * metadata translation (pure functions) and the real client against a closed port.
 * Everything the server does is covered by the shared contract suite in
 * esdb.int.test.ts, which runs where a Docker engine can start EventStoreDB.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { StreamNotFoundError, UnavailableError } from '@eventstore/db-client';
import { InfrastructureError, ValidationError } from '@c360/errors';
import { getEsdbEventStore } from './index';
import { translateError } from './errors';
import { fromRawMetadata } from './metadata';

describe('translateError', () => {
  it('maps unavailability to a retriable InfrastructureError with the cause', () => {
    const cause = new UnavailableError(undefined, '14 UNAVAILABLE: No connection established');
    const error = translateError(cause);
    expect(error).toBeInstanceOf(InfrastructureError);
    expect(error).toMatchObject({ retriable: true, cause });
  });

  it('maps a stray not-found to NotFound and leaves programming errors alone', () => {
    expect(translateError(new StreamNotFoundError(undefined, 's-1'))).toMatchObject({ code: 'not_found' });
    const bug = new TypeError('x is undefined');
    expect(translateError(bug)).toBe(bug);
  });
});

describe('fromRawMetadata', () => {
  it('maps $tb to truncateBefore, free keys to custom, and keeps ESDB-only keys out', () => {
    expect(fromRawMetadata({ $tb: 3, $acl: { $r: '$all' }, erased: true })).toEqual({
      truncateBefore: 3n,
      custom: { erased: true },
    });
  });

  it('reads the soft-delete marker alone as no metadata', () => {
    expect(fromRawMetadata(JSON.parse('{"$tb":9223372036854775807}'))).toBeNull();
    expect(fromRawMetadata(JSON.parse('{"$tb":9223372036854775807,"k":1}'))).toEqual({ custom: { k: 1 } });
  });
});

describe('against an unreachable server (real client, closed port)', () => {
  it('given nothing listening, then every call fails fast with a retriable InfrastructureError', async () => {
    const store = getEsdbEventStore({ connectionString: 'esdb://127.0.0.1:1?tls=false' });
    const id = randomUUID();
    await expect(store.readAll()).rejects.toMatchObject({ retriable: true, code: 'infrastructure_failure' });
    await expect(store.readStream('s-1')).rejects.toBeInstanceOf(InfrastructureError);
    await expect(store.appendToStream('s-1', [{ id, type: 'E', data: {} }])).rejects.toMatchObject({ retriable: true });
    const subscription = store.subscribeToAll({ handler: async () => undefined });
    await expect(subscription.done).rejects.toMatchObject({ retriable: true });
    await store.close();
  });

  it('given a malformed connection string, then it is a ValidationError at construction', () => {
    expect(() => getEsdbEventStore({ connectionString: 'http://localhost:2113' })).toThrow(ValidationError);
  });
});
