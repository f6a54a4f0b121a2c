import { ConcurrencyError, InfrastructureError, NotFoundError, ValidationError } from '@c360/errors';

/**
 * The error of request `requestIndex` of an `appendMany`, naming the request and
 * its stream in `details` (a validation issue's path gains the prefix
 * `requests[i].`). Errors of the hierarchy's own classes are re-created with the
 * same code, retriability and cause; subclasses (e.g. a driver's) and anything
 * else pass through unchanged. For adapters.
 */
export function errorOfRequest(error: unknown, requestIndex: number, streamId: string): unknown {
  const request = { requestIndex, streamId };
  const at = `request ${requestIndex} (stream ${streamId})`;
  if (error instanceof ValidationError && error.constructor === ValidationError) {
    const issues = error.issues.map((issue) => ({ ...issue, path: `requests[${requestIndex}].${issue.path}` }));
    const message =
      issues.length > 0
        ? issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')
        : `requests[${requestIndex}]: ${error.message}`;
    return new ValidationError(message, { issues, code: error.code, details: request, cause: error.cause });
  }
  const details = error instanceof Error && 'details' in error ? { ...(error.details as object), ...request } : request;
  if (error instanceof ConcurrencyError && error.constructor === ConcurrencyError) {
    return new ConcurrencyError(`request ${requestIndex}: ${error.message}`, { details, cause: error.cause });
  }
  if (error instanceof NotFoundError && error.constructor === NotFoundError) {
    return new NotFoundError(`${at}: ${error.message}`, { code: error.code, details, cause: error.cause });
  }
  if (error instanceof InfrastructureError && error.constructor === InfrastructureError) {
    return new InfrastructureError(`${at}: ${error.message}`, {
      retriable: error.retriable,
      code: error.code,
      details,
      cause: error.cause,
    });
  }
  return error;
}
