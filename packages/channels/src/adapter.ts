import type { Router } from 'express';
import type { SourceKey, SourceKeyStore } from '@c360/auth';
import type { Channel } from '@c360/touchpoint';
import type { Intake } from './intake';

export interface AdapterContext {
  intake: Intake;
  sourceKeys: SourceKeyStore;
  /** Now, as the adapter should see it (tests pin it). */
  now: () => Date;
}

/** Raw input of an asynchronous format, as received (or as repaired from quarantine). */
export interface RawInput {
  source: SourceKey;
  contentType: string;
  raw: Buffer;
}

/** What re-running an asynchronous input produced. */
export interface ReprocessOutcome {
  accepted: number;
  quarantined: number;
}

/**
 * A channel adapter: native input → validate → Touchpoints → `intake.accept`.
 * Synchronous formats answer a bad item with 400 (index and field path, nothing
 * published); asynchronous ones (webhooks, imports) quarantine what they cannot
 * accept and implement `reprocess`, so a quarantined input can be repaired and
 * re-submitted — idempotently, since touchpoint ids come from the source's own ids.
 */
export interface ChannelAdapter {
  /** Stable name, e.g. `segment-http`; recorded in every touchpoint's `source.adapter`. */
  name: string;
  version: string;
  channel: Channel;
  /** Mounts the adapter's routes; paths are relative to the app root (e.g. `/v1/track`). */
  mount(router: Router, context: AdapterContext): void;
  reprocess?(input: RawInput, context: AdapterContext): Promise<ReprocessOutcome>;
}
