import type { Config } from './env';

/** The platform's three topics, as configured: what `Bus.ensureTopics` is given at start. */
export function platformTopics(config: Config): { name: string; partitions: number }[] {
  return [config.C360_TOPIC_TOUCHPOINTS, config.C360_TOPIC_QUARANTINE, config.C360_TOPIC_DLQ].map((name) => ({
    name,
    partitions: config.C360_TOPIC_PARTITIONS,
  }));
}
