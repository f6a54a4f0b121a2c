import { appendDecision, type Appended } from './append-decision';
import { forgetBasis, newBasis, type BatchDependencies, type BatchOutcome, type DecodedTouchpoint } from './batch';
import { decideBatch } from './decide';

export interface ChunkOptions {
  /** Chunks a bus batch is cut into (default 4). */
  chunks?: number;
  /** No chunk is smaller than this (default 32): a small batch is not worth more round trips. */
  minChunkSize?: number;
}

/**
 * Ingests a bus batch in chunks, deciding chunk n+1 (normalising, hashing, resolving,
 * creating keys, sealing) while chunk n is appended, so the CPU's work on one overlaps
 * the database's on the other. Appends stay one at a time and in order, and the caller
 * commits the bus batch only once this resolved: a crash re-delivers the whole batch,
 * whose appended chunks are then idempotent no-ops (deterministic event ids).
 *
 * Chunk n+1 is decided on the basis chunk n left — its owners, states and revisions —
 * before chunk n's append has answered. That decision is appended only if chunk n's
 * append succeeded and found no stale state; otherwise it may rest on facts the store
 * does not hold (a decision not stored, or a state another instance had moved on).
 * Then, as when a whole batch fails, every state the basis held is forgotten, and the
 * chunks not yet appended go to `serially` as one batch, decided again on states read
 * afresh, with its retries and failure isolation. One rule for every mishap: they are
 * rare (another instance, a database error), and the rule costs nothing otherwise.
 */
export async function ingestInChunks(
  batch: readonly DecodedTouchpoint[],
  deps: BatchDependencies,
  options: ChunkOptions & {
    /** Called with each chunk's outcome once it is appended. */
    onAppended: (outcome: BatchOutcome) => void;
    /** Ingests what is left one batch at a time, reporting its outcomes itself. */
    serially: (rest: DecodedTouchpoint[]) => Promise<void>;
    /** Why the chunks from `rest` on go the serial way: the error met, or `'stale'`. */
    onFallBack?: (reason: unknown, rest: number) => void;
  },
): Promise<void> {
  const chunks = cut(batch, options);
  const basis = newBasis();
  const fallBack = async (from: number, reason: unknown): Promise<void> => {
    forgetBasis(basis, deps);
    const rest = chunks.slice(from).flat();
    if (rest.length === 0) return;
    options.onFallBack?.(reason, rest.length);
    await options.serially(rest);
  };

  let appending: Promise<Settled<Appended>> | undefined;
  for (let n = 0; n <= chunks.length; n += 1) {
    const decision = n < chunks.length ? await settled(decideBatch(chunks[n]!, basis, deps)) : undefined;
    if (appending) {
      const previous = await appending;
      if (!previous.ok) return fallBack(n - 1, previous.error);
      options.onAppended(previous.value.outcome);
      if (previous.value.stale.size > 0) return fallBack(n, 'stale');
    }
    if (!decision) return;
    if (!decision.ok) return fallBack(n, decision.error);
    appending = settled(appendDecision(decision.value, deps));
  }
}

function cut(batch: readonly DecodedTouchpoint[], options: ChunkOptions): DecodedTouchpoint[][] {
  const size = Math.max(options.minChunkSize ?? 32, Math.ceil(batch.length / (options.chunks ?? 4)));
  const chunks: DecodedTouchpoint[][] = [];
  for (let i = 0; i < batch.length; i += size) chunks.push(batch.slice(i, i + size));
  return chunks;
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** A promise that never rejects, so a chunk's failure waits until the append before it has answered. */
const settled = <T>(promise: Promise<T>): Promise<Settled<T>> =>
  promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
