export { startPlatform, type RunningPlatform } from './platform';
export { openStorage, type Storage } from './storage';
export { openBus, type OpenedBus } from './bus';
export { bootstrapCredentials, type LocalCredentials } from './bootstrap';
