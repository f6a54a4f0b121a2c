export { getKafkaBus, type KafkaBusOptions } from './bus';
export type { KafkaConsumerSettings } from './consumer';
