/** A bus under test, opened by embedded.ts or kafka.ts: our adapter and its raw ceiling on the same infrastructure. */
import type { OutgoingMessage } from '@c360/bus';
import type { Touchpoint } from '@c360/touchpoint';
import type { BackendKey } from './config';
import type { Pipe } from './pipe';

export interface BusBackend {
  key: BackendKey;
  name: string;
  /** Where it runs and how it is set up, for the report. */
  description: string;
  ours: Pipe<Touchpoint>;
  raw: Pipe<OutgoingMessage>;
  /** Before each timed phase: flushes what earlier phases wrote, so a phase does not pay for its predecessor. */
  settle(): Promise<void>;
  /** Before the read phases: statistics and hint bits for both tables alike. */
  prepareReads(): Promise<void>;
  /** Drops what the benchmark created and closes every client. */
  dispose(): Promise<void>;
}

export const BACKEND_NAMES: Record<BackendKey, string> = {
  postgres: 'embedded/PostgreSQL',
  pglite: 'embedded/PGlite',
  kafka: 'Kafka/mock',
};
