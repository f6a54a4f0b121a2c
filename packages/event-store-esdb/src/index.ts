export { getEsdbEventStore, type EsdbEventStoreOptions } from './store';
