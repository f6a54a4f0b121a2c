import type { Config } from '@c360/config';
import type { Bus } from '@c360/bus';
import { getKafkaBus } from '@c360/bus-kafka';
import { getEmbeddedLogBus, migrateEmbeddedLog } from '@c360/bus-postgres';
import type { Sql } from '@c360/sql';

export interface OpenedBus {
  bus: Bus;
  /** Human-readable description for the start-up banner. */
  describe: string;
}

/** The bus the configuration selects: the embedded log in `sql`'s database, or Kafka. */
export async function openBus(config: Config, sql: Sql): Promise<OpenedBus> {
  if (config.C360_BUS === 'kafka') {
    const brokers = config.KAFKA_BROKERS!.split(',');
    return { bus: getKafkaBus({ brokers, clientId: 'c360-platform' }), describe: `Kafka ${brokers.join(',')}` };
  }
  await migrateEmbeddedLog(sql);
  return { bus: getEmbeddedLogBus(sql), describe: 'embedded log (PostgreSQL tables)' };
}
