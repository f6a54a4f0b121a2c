export { startPlatform, type RunningPlatform } from './platform';
export { runServices } from './run';
export { openResources, type Resources } from './resources';
export { openSql, openEventStore, type OpenedSql, type OpenedEventStore } from './storage';
export { openBus, type OpenedBus } from './bus';
export { bootstrapCredentials, type LocalCredentials } from './bootstrap';
