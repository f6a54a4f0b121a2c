import { InfrastructureError } from '@c360/errors';

/** kafkajs errors → our hierarchy; kafkajs marks transient ones `retriable`. */
export function translateKafkaError(error: unknown, what: string): unknown {
  if (!(error instanceof Error) || !error.name.startsWith('KafkaJS')) return error;
  const retriable = (error as { retriable?: boolean }).retriable ?? true;
  return new InfrastructureError(`Kafka ${what} failed: ${error.message}`, {
    retriable,
    cause: error,
    code: 'bus_failure',
  });
}
