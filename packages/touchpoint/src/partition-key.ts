import type { Touchpoint } from './types';

/**
 * The bus partition key of a touchpoint: the browsing session when there is one,
 * else the first identifier, else the touchpoint itself — so one visitor's or one
 * customer's touchpoints stay in order on one partition.
 */
export function partitionKey(touchpoint: Touchpoint): string {
  const anonymous = touchpoint.identifiers.find((i) => i.type === 'anonymous_id');
  const first = anonymous ?? touchpoint.identifiers[0];
  return first ? `${first.type}:${first.value}` : touchpoint.touchpointId;
}
