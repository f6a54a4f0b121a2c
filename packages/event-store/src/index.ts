export * from './port';
export { pollingSubscription, type PollingOptions } from './polling-subscription';
