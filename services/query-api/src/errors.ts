import type { ErrorRequestHandler } from 'express';
import { ValidationError } from '@c360/errors';
import { AuthenticationError, errorHandler } from '@c360/http';

/**
 * The query API's JSON errors: the platform's `errorHandler`, plus what only this
 * API decides — an unmerge of a customer that is not merged is a conflict with the
 * state (409 `not_merged`), and a missing bearer token names the Bearer scheme.
 * Scoped to the query API's router: errors of other routers never reach it.
 */
export function queryApiErrors(log?: (error: unknown) => void): ErrorRequestHandler {
  const platform = errorHandler(log);
  return (error, request, response, next) => {
    if (response.headersSent) {
      next(error);
      return;
    }
    if (error instanceof ValidationError && error.code === 'not_merged') {
      response.status(409).json(error.toJSON());
      return;
    }
    if (error instanceof AuthenticationError) {
      response.setHeader('WWW-Authenticate', 'Bearer realm="c360"');
      response.status(401).json(error.toJSON());
      return;
    }
    platform(error, request, response, next);
  };
}
