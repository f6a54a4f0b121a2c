/**
 * Our side of every comparison: touchpoints encoded by the codec and published
 * through the bus port as the intake publishes them, read back by a consumer
 * group (from the earliest offset, batch handler) that decodes every message.
 */
import type { Bus } from '@c360/bus';
import { uniqueName } from '@c360/bus/testing';
import { decodeTouchpoint, encodeTouchpoint, type Touchpoint } from '@c360/touchpoint';
import { failure, type Pipe } from './pipe';
import { touchpointMessage } from './workload';

export function busPipe(
  bus: Bus,
  options: { createTopic(name: string): Promise<void>; maxBatchSize: number },
): Pipe<Touchpoint> {
  return {
    label: 'ours',
    createTopic: options.createTopic,
    publish: (topic, batch) =>
      bus.publish(
        topic,
        batch.map((touchpoint) => touchpointMessage(touchpoint, encodeTouchpoint(touchpoint))),
      ),
    async read(topic, seen) {
      const consumer = bus.consume({
        groupId: uniqueName('bench'),
        topic,
        startFrom: 'earliest',
        maxBatchSize: options.maxBatchSize,
        handler: async (batch) => seen(batch.map((message) => decodeTouchpoint(message.value).touchpointId)),
      });
      const failed = failure(consumer.done, 'our consumer');
      await Promise.race([consumer.ready, failed]);
      return { stop: () => consumer.stop(), failed };
    },
  };
}
