export { getEmbeddedLogBus, migrateEmbeddedLog } from './bus';
export type { GroupTimings } from './consumer';
