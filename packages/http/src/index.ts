export { AuthenticationError, errorHandler, notFoundRoute, PermissionError, statusOf } from './errors';
export { basicUser, bearerAuth, writeKeyAuth } from './auth';
