export { population, random, type Person, type Population } from './population';
export { identityErrors, readOutcome, type StoreOutcome } from './outcome';
export { embeddedIngestStack, ingestStack, STACK_TOPICS, type IngestStack } from './stack';
