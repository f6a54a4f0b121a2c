/**
 * What the parent asks of the GET load generator (load-worker.ts) and what it
 * answers: the collect benchmark's figures (collect/load-job.ts), with response
 * sizes in place of request bodies.
 */
import type { LoadResult } from '../collect/load-job';

export interface GetJob {
  id: number;
  /** e.g. `http://127.0.0.1:40123`. */
  origin: string;
  /** Paths with query, e.g. `/v1/customers/<id>`; each request takes one at random. */
  paths: readonly string[];
  /** `Bearer …`; null: none. */
  authorization: string | null;
  connections: number;
  /** Requests of the first round; a round ends when every one of them has its answer (none cut off). */
  amount: number;
  /** Further rounds, sized from the rate so far, until the rounds add up to this many seconds (0: one round). */
  minSeconds: number;
}

export type GetResult = Omit<LoadResult, 'id' | 'avgBodyBytes' | 'maxCallBytes'> & {
  /** Average response size (headers and body), bytes. */
  avgResponseBytes: number;
};

export const requestsPerSecond = (r: GetResult): number => (r.seconds > 0 ? r.ok / r.seconds : 0);
