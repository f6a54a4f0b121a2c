import { Counter, type Registry } from 'prom-client';
import type { BatchOutcome } from './batch';

export interface IngestorMetrics {
  retries: Counter<'reason'>;
  deadLetters: Counter;
  observe(outcome: BatchOutcome): void;
}

/** The ingestor's Prometheus metrics, registered in `registry`. */
export function ingestorMetrics(registry: Registry): IngestorMetrics {
  const touchpoints = new Counter({
    name: 'c360_ingestor_touchpoints_total',
    help: 'Touchpoints decided by the ingestor, by outcome (recorded, duplicate).',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const identity = new Counter({
    name: 'c360_ingestor_identity_decisions_total',
    help: 'Identity decisions: customers created, merges, conflicts recorded.',
    labelNames: ['decision'],
    registers: [registry],
  });
  return {
    retries: new Counter({
      name: 'c360_ingestor_retries_total',
      help: 'Batch retries after a retriable error.',
      labelNames: ['reason'],
      registers: [registry],
    }),
    deadLetters: new Counter({
      name: 'c360_ingestor_dead_letters_total',
      help: 'Messages sent to the dead-letter topic.',
      registers: [registry],
    }),
    observe(outcome) {
      touchpoints.inc({ outcome: 'recorded' }, outcome.recorded);
      touchpoints.inc({ outcome: 'duplicate' }, outcome.duplicates);
      identity.inc({ decision: 'customer_created' }, outcome.customersCreated);
      identity.inc({ decision: 'merge' }, outcome.merges);
      identity.inc({ decision: 'conflict' }, outcome.conflicts);
    },
  };
}
