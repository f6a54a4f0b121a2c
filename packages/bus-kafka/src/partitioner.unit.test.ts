import { describe, expect, it } from 'vitest';
import { Partitioners } from 'kafkajs';
import { partitionFor } from '@c360/bus';

describe('key partitioning', () => {
  it('given any key, then the bus port picks the partition kafkajs (and the Java client) would', () => {
    const kafkajs = Partitioners.DefaultPartitioner();
    const partitionMetadata = Array.from({ length: 12 }, (_, p) => ({
      partitionId: p,
      leader: 1,
      partitionErrorCode: 0,
      replicas: [1],
      isr: [1],
    }));
    const keys = ['customer-1', 'key-0', 'li@example.com', '+8613800138000', '李雷', 'Zoë', '', 'a'.repeat(257)];
    for (const key of keys) {
      const expected = kafkajs({ topic: 't', partitionMetadata, message: { key, value: null } });
      expect(partitionFor(key, 12), key).toBe(expected);
    }
  });
});
