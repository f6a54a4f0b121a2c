import type { CallType } from './validate';

/**
 * The endpoints of Segment's HTTP Tracking API, with their body limits
 * (HTTP API → Max request size: "a maximum of 32KB per normal API request. The batch API
 * endpoint accepts a maximum of 500KB per request, with a limit of 32KB per event").
 *
 * The one-letter aliases are what analytics.js (analytics-next) really posts to: its
 * Segment.io plugin sends each call to `${apiHost}/${type.charAt(0)}` and, with the
 * `batching` delivery strategy, batches to `${apiHost}/b`, where apiHost defaults to
 * `api.segment.io/v1` (packages/browser/src/plugins/segmentio/index.ts and
 * batched-dispatcher.ts, core/constants.ts). analytics-node posts to `/v1/batch`.
 */

export const MAX_CALL_BYTES = 32 * 1024;
export const MAX_BATCH_BYTES = 500 * 1024;

export type RouteKind = CallType | 'batch';

export interface SegmentRoute {
  kind: RouteKind;
  paths: string[];
  /** Largest body accepted, in bytes. */
  limit: number;
}

const call = (kind: CallType): SegmentRoute => ({
  kind,
  paths: [`/v1/${kind}`, `/v1/${kind.charAt(0)}`],
  limit: MAX_CALL_BYTES,
});

export const SEGMENT_ROUTES: readonly SegmentRoute[] = [
  call('identify'),
  call('track'),
  call('page'),
  call('screen'),
  call('group'),
  call('alias'),
  { kind: 'batch', paths: ['/v1/batch', '/v1/b'], limit: MAX_BATCH_BYTES },
];
