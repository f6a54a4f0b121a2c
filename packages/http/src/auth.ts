import type { Request, RequestHandler } from 'express';
import type { ApiToken, ApiTokenStore, Role, SourceKey, SourceKeyStore } from '@c360/auth';
import { AuthenticationError, PermissionError } from './errors';

declare module 'express-serve-static-core' {
  interface Locals {
    source?: SourceKey;
    token?: ApiToken;
  }
}

/** The user name of an HTTP Basic `Authorization` header (Segment puts the write key there). */
export function basicUser(request: Request): string | undefined {
  const header = request.headers.authorization;
  if (!header?.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? decoded : decoded.slice(0, colon);
}

/**
 * Authenticates a channel source by its write key: HTTP Basic with the key as user
 * name, or — for browsers that cannot set headers — `writeKey` in the parsed JSON
 * body. Unknown, revoked or missing → 401 before anything is accepted. The key
 * must belong to one of `channels`. The store remembers verified keys briefly
 * (`SourceKeyStoreOptions.verifiedTtlMs`, 10 s): a key revoked in this process is
 * refused at once, one revoked by another process within that time.
 */
export function writeKeyAuth(keys: SourceKeyStore, channels: readonly SourceKey['channel'][]): RequestHandler {
  return async (request, response, next) => {
    try {
      const fromBody = (request.body as { writeKey?: unknown } | undefined)?.writeKey;
      const writeKey = basicUser(request) ?? (typeof fromBody === 'string' ? fromBody : undefined);
      const source = writeKey ? await keys.verify(writeKey) : null;
      if (!source) throw new AuthenticationError('missing or unknown write key');
      if (!channels.includes(source.channel)) {
        throw new PermissionError(`write key of source ${source.id} is for the ${source.channel} channel`);
      }
      response.locals.source = source;
      next();
    } catch (error) {
      next(error);
    }
  };
}

const RANK: Record<Role, number> = { reader: 0, pii_reader: 1, admin: 2 };

/** `Authorization: Bearer <token>` with at least role `minimum` (reader < pii_reader < admin). */
export function bearerAuth(tokens: ApiTokenStore, minimum: Role): RequestHandler {
  return async (request, response, next) => {
    try {
      const header = request.headers.authorization;
      const token = header?.startsWith('Bearer ') ? await tokens.verify(header.slice(7).trim()) : null;
      if (!token) throw new AuthenticationError('missing or unknown bearer token');
      if (RANK[token.role] < RANK[minimum])
        throw new PermissionError(`role ${token.role} may not do this; ${minimum} may`);
      response.locals.token = token;
      next();
    } catch (error) {
      next(error);
    }
  };
}
