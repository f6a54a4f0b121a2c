export { startCollectorHarness, type CollectorHarness } from './harness';
export { admin, contextOf, counts, eventually, fixtureReader, payloadOf, post, type Reply } from './requests';
