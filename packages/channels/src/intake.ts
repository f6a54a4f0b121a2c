import { createHash } from 'node:crypto';
import type { Bus, OutgoingMessage } from '@c360/bus';
import { ValidationError, type ValidationIssue } from '@c360/errors';
import { encodeTouchpoint, partitionKey, type Channel, type Touchpoint } from '@c360/touchpoint';
import type { SourceKey } from '@c360/auth';
import type { ChannelMetrics } from './metrics';

export interface IntakeTopics {
  touchpoints: string;
  quarantine: string;
}

/** What an adapter could not turn into touchpoints, kept with the reason and the raw input. */
export interface QuarantineInput {
  adapter: string;
  channel: Channel;
  source: SourceKey;
  reason: string;
  issues: ValidationIssue[];
  contentType: string;
  raw: Buffer;
}

/** The quarantine topic's message (JSON): the raw input travels base64-encoded. */
export interface QuarantineMessage {
  id: string;
  adapter: string;
  channel: Channel;
  sourceKeyId: string;
  reason: string;
  issues: ValidationIssue[];
  contentType: string;
  rawBase64: string;
  rawSha256: string;
  quarantinedAt: string;
}

export const sha256Hex = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

export { partitionKey };

/**
 * The one way into the platform for every channel adapter.
 * - `accept`: validates every touchpoint first, once, as it encodes it (a bad one fails
 *   the whole call with the index and field path, nothing published), then publishes them and resolves
 *   only when the bus durably accepted all of them — the adapter answers 2xx after.
 * - `quarantine`: for asynchronous inputs that cannot be accepted; the record is
 *   durable on the quarantine topic before the call resolves.
 */
export function createIntake(deps: { bus: Bus; topics: IntakeTopics; metrics: ChannelMetrics }) {
  return {
    async accept(
      touchpoints: Touchpoint[],
      options: {
        pathPrefix?: (index: number) => string;
        /** The touchpoints' encodings when the caller already made them (`sortTouchpoint`): not validated twice. */
        encoded?: readonly Buffer[];
      } = {},
    ): Promise<void> {
      // Encoding validates (once): a touchpoint's ValidationError becomes issues under its index.
      const issues: ValidationIssue[] = [];
      const messages: OutgoingMessage[] = [];
      touchpoints.forEach((touchpoint, index) => {
        try {
          const value = options.encoded?.[index] ?? encodeTouchpoint(touchpoint);
          messages.push({
            key: partitionKey(touchpoint),
            value,
            headers: { 'c360-channel': touchpoint.channel, 'c360-touchpoint-id': touchpoint.touchpointId },
          });
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          const prefix = options.pathPrefix?.(index) ?? `[${index}]`;
          for (const issue of error.issues) issues.push({ path: `${prefix}.${issue.path}`, message: issue.message });
        }
      });
      if (issues.length > 0) {
        throw new ValidationError(`invalid touchpoint: ${issues[0]!.path}: ${issues[0]!.message}`, { issues });
      }
      await deps.bus.publish(deps.topics.touchpoints, messages);
      for (const touchpoint of touchpoints) deps.metrics.accepted(touchpoint.channel);
    },

    async quarantine(input: QuarantineInput): Promise<QuarantineMessage> {
      const rawSha256 = sha256Hex(input.raw);
      const message: QuarantineMessage = {
        // Deterministic: the same bad input from the same source is one quarantine record.
        id: sha256Hex(`${input.source.id}\n${input.adapter}\n${rawSha256}\n${input.reason}`).slice(0, 32),
        adapter: input.adapter,
        channel: input.channel,
        sourceKeyId: input.source.id,
        reason: input.reason,
        issues: input.issues,
        contentType: input.contentType,
        rawBase64: input.raw.toString('base64'),
        rawSha256,
        quarantinedAt: new Date().toISOString(),
      };
      await deps.bus.publish(deps.topics.quarantine, [
        { key: message.id, value: Buffer.from(JSON.stringify(message)), headers: { 'c360-channel': input.channel } },
      ]);
      deps.metrics.quarantined(input.channel);
      return message;
    },

    rejected(channel: Channel, count = 1): void {
      deps.metrics.rejected(channel, count);
    },
  };
}

export type Intake = ReturnType<typeof createIntake>;
