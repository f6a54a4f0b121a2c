export { startCollectorHarness, type CollectorHarness } from './harness';
