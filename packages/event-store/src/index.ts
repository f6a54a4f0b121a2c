export * from './port';
export { errorOfRequest } from './append-requests';
export { pollingSubscription, type PollingOptions } from './polling-subscription';
