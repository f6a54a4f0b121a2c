export { getKafkaBus, type KafkaBusOptions } from './bus';
export type { KafkaConsumerSettings } from './consumer';
export { mockFriendlyRoundRobin } from './mock-cluster';
