export { startQueryApiHarness, type Answer, type QueryApiHarness } from './harness';
export { insertConflict, insertContact, insertIdentifier, insertMerge, insertProfile } from './rows';
