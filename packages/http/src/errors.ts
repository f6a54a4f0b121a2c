import type { ErrorRequestHandler, RequestHandler } from 'express';
import { C360Error, ConcurrencyError, InfrastructureError, NotFoundError, ValidationError } from '@c360/errors';

/** Raised by the HTTP layer itself: no or a bad credential (401), or a role that may not (403). */
export class AuthenticationError extends C360Error {
  readonly code = 'unauthorized';
  constructor(message = 'missing or unknown credentials') {
    super(message);
  }
}

export class PermissionError extends C360Error {
  readonly code = 'forbidden';
  constructor(message: string) {
    super(message);
  }
}

/** Where HTTP statuses are decided: by error class and stable code, never by message. */
export function statusOf(error: unknown): number {
  if (error instanceof AuthenticationError) return 401;
  if (error instanceof PermissionError) return 403;
  if (error instanceof ValidationError) {
    if (error.code === 'payload_too_large') return 413;
    if (error.code === 'unsupported_content_type') return 415;
    return 400;
  }
  if (error instanceof NotFoundError) return 404;
  if (error instanceof ConcurrencyError) return 409;
  if (error instanceof InfrastructureError) return error.retriable ? 503 : 500;
  return 500;
}

/** express's own body-parser errors, in our terms. */
function fromBodyParser(error: { type?: string; message?: string; limit?: number }): C360Error | undefined {
  if (error.type === 'entity.too.large') {
    return new ValidationError(`request body is larger than ${error.limit} bytes`, { code: 'payload_too_large' });
  }
  if (error.type === 'entity.parse.failed') {
    return new ValidationError(`request body is not valid JSON: ${error.message}`, { code: 'invalid_json' });
  }
  if (error.type === 'encoding.unsupported' || error.type === 'charset.unsupported') {
    return new ValidationError(error.message ?? 'unsupported encoding', { code: 'unsupported_encoding' });
  }
  return undefined;
}

/**
 * The last middleware of every app: JSON errors `{ code, message, details }` with a
 * stable code. Unexpected errors are logged and answered without internals.
 */
export function errorHandler(log: (error: unknown) => void = console.error): ErrorRequestHandler {
  return (error: unknown, _request, response, next) => {
    if (response.headersSent) {
      next(error);
      return;
    }
    const known = error instanceof C360Error ? error : fromBodyParser(error as { type?: string });
    const status = statusOf(known ?? error);
    if (!known || status >= 500) log(error);
    const body = known
      ? known.toJSON()
      : { code: 'internal_error', message: 'unexpected error; it has been logged', details: {} };
    if (status === 401) response.setHeader('WWW-Authenticate', 'Basic realm="c360"');
    response.status(status).json(body);
  };
}

export const notFoundRoute: RequestHandler = (request, _response, next) => {
  next(new NotFoundError(`no route ${request.method} ${request.path}`, { code: 'route_not_found' }));
};
