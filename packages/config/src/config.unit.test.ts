import { describe, expect, it } from 'vitest';
import { loadConfig } from './index';

describe('configuration', () => {
  it('given an empty environment, then the embedded default is chosen', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      C360_DATA_DIR: './data',
      C360_EVENT_STORE: 'postgres',
      C360_BUS: 'postgres',
      C360_PORT: 8080,
    });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('given a bad port, then the error names the variable', () => {
    expect(() => loadConfig({ C360_PORT: 'eighty' })).toThrow(/C360_PORT/);
    expect(() => loadConfig({ C360_PORT: '70000' })).toThrow(/C360_PORT/);
  });

  it('given esdb without ESDB_URL or kafka without brokers, then the missing variable is named', () => {
    expect(() => loadConfig({ C360_EVENT_STORE: 'esdb' })).toThrow(/ESDB_URL/);
    expect(() => loadConfig({ C360_BUS: 'kafka' })).toThrow(/KAFKA_BROKERS/);
    expect(() => loadConfig({ C360_BUS: 'kafka', KAFKA_BROKERS: 'broker-1:9092,broker-2:9092' })).not.toThrow();
  });

  it('given an unknown backend name, then it is refused with the allowed values', () => {
    expect(() => loadConfig({ C360_EVENT_STORE: 'mongodb' })).toThrow(/C360_EVENT_STORE.*'postgres' \| 'esdb'/);
  });
});

describe('services', () => {
  it('given no C360_SERVICES, then every service runs in this process', () => {
    expect(loadConfig({}).C360_SERVICES).toEqual(['collector', 'ingestor', 'projector', 'query-api']);
    expect(loadConfig({ C360_SERVICES: ' ' }).C360_SERVICES).toEqual([
      'collector',
      'ingestor',
      'projector',
      'query-api',
    ]);
  });

  it('given a comma list, then it is trimmed and deduplicated; an unknown name is refused naming the variable', () => {
    expect(loadConfig({ C360_SERVICES: ' ingestor, projector,ingestor' }).C360_SERVICES).toEqual([
      'ingestor',
      'projector',
    ]);
    expect(() => loadConfig({ C360_SERVICES: 'collector,console' })).toThrow(/C360_SERVICES/);
  });
});

describe('topics', () => {
  it('given no topic settings, then the platform topics and 12 partitions are the default', () => {
    expect(loadConfig({})).toMatchObject({
      C360_TOPIC_TOUCHPOINTS: 'c360.touchpoints',
      C360_TOPIC_QUARANTINE: 'c360.touchpoints.quarantine',
      C360_TOPIC_DLQ: 'c360.touchpoints.dlq',
      C360_TOPIC_PARTITIONS: 12,
    });
  });

  it('given a topic name Kafka would refuse, then the variable is named', () => {
    expect(() => loadConfig({ C360_TOPIC_DLQ: 'dead letters' })).toThrow(/C360_TOPIC_DLQ/);
  });
});
