import { Counter, type Registry } from 'prom-client';
import type { Channel } from '@c360/touchpoint';

/** Per-channel intake counters: accepted (on the bus), rejected (answered 4xx), quarantined. */
export function channelMetrics(registry: Registry) {
  const touchpoints = new Counter({
    name: 'c360_channel_touchpoints_total',
    help: 'Touchpoints and inputs handled by the channel adapters, by outcome',
    labelNames: ['channel', 'outcome'] as const,
    registers: [registry],
  });
  return {
    accepted: (channel: Channel, count = 1) => touchpoints.inc({ channel, outcome: 'accepted' }, count),
    rejected: (channel: Channel, count = 1) => touchpoints.inc({ channel, outcome: 'rejected' }, count),
    quarantined: (channel: Channel, count = 1) => touchpoints.inc({ channel, outcome: 'quarantined' }, count),
  };
}

export type ChannelMetrics = ReturnType<typeof channelMetrics>;
