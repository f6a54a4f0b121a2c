import { ValidationError, type ValidationIssue } from '@c360/errors';
import { encodeTouchpoint, type Channel, type Touchpoint } from '@c360/touchpoint';
import type { AdapterContext, RawInput, ReprocessOutcome } from './adapter';

/**
 * Shared by the adapters of asynchronous inputs (webhooks, raw mail, imports): what
 * an input split into, and its delivery — quarantine first, then the touchpoints.
 */

/** An input (or one element of it) that cannot become a touchpoint, with its own raw bytes. */
export interface Rejected {
  reason: string;
  issues: ValidationIssue[];
  contentType: string;
  raw: Buffer;
}

/** What one input split into. */
export interface Sorted {
  touchpoints: Touchpoint[];
  /** Each touchpoint's Avro encoding, made (and so validated) once, when it was sorted. */
  encoded: Buffer[];
  rejected: Rejected[];
}

export const emptySorted = (): Sorted => ({ touchpoints: [], encoded: [], rejected: [] });

/**
 * Adds a mapped touchpoint, or — when the touchpoint contract still finds fault with
 * it (e.g. an occurredAt more than 24 h ahead) — its raw input as `invalid_touchpoint`.
 * Checking one by one keeps `intake.accept` (all or nothing) from failing a whole batch.
 */
export function sortTouchpoint(
  sorted: Sorted,
  touchpoint: Touchpoint,
  raw: { contentType: string; raw: Buffer },
): void {
  let encoded: Buffer;
  try {
    encoded = encodeTouchpoint(touchpoint); // validates: the contract's issues, or the Avro bytes
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    sorted.rejected.push({ reason: 'invalid_touchpoint', issues: [...error.issues], ...raw });
    return;
  }
  sorted.touchpoints.push(touchpoint);
  sorted.encoded.push(encoded);
}

/**
 * Quarantines every rejected input, then accepts the touchpoints; resolves only when the
 * bus holds all of them, so the caller may answer 2xx after. A failure part-way leaves
 * at most a prefix written and the caller answers 5xx: the provider's retry re-sends the
 * same input, which yields the same touchpoint ids and quarantine ids — no doubles.
 */
export async function deliver(
  context: AdapterContext,
  input: { adapter: string; channel: Channel; source: RawInput['source']; sorted: Sorted },
): Promise<ReprocessOutcome & { quarantineIds: string[] }> {
  const quarantineIds: string[] = [];
  for (const rejected of input.sorted.rejected) {
    const record = await context.intake.quarantine({
      adapter: input.adapter,
      channel: input.channel,
      source: input.source,
      ...rejected,
    });
    quarantineIds.push(record.id);
  }
  if (input.sorted.touchpoints.length > 0)
    await context.intake.accept(input.sorted.touchpoints, { encoded: input.sorted.encoded });
  return { accepted: input.sorted.touchpoints.length, quarantined: input.sorted.rejected.length, quarantineIds };
}
