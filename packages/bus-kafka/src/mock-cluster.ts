import { PartitionAssigners, type PartitionAssigner } from 'kafkajs';

/**
 * Round robin whose group leader answers 300 ms late, so followers' SyncGroup
 * requests reach the broker first. librdkafka's mock cluster (the test broker)
 * completes a sync on the leader's request and answers a later follower with
 * INVALID_REQUEST, which kafkajs treats as fatal. Real brokers wait for every
 * member; use this only against the mock.
 */
export const mockFriendlyRoundRobin: PartitionAssigner = (config) => {
  const inner = PartitionAssigners.roundRobin(config);
  return {
    ...inner,
    async assign(group) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      return inner.assign(group);
    },
  };
};
