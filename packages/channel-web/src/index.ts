/**
 * @c360/channel-web — the web channel: Segment's HTTP Tracking API (identify, track, page,
 * screen, group, alias, batch) mapped to web touchpoints, so analytics.js and
 * @segment/analytics-node send to the collector unchanged.
 */
export {
  segmentAdapter,
  SEGMENT_ADAPTER_NAME,
  SEGMENT_ADAPTER_VERSION,
  type SegmentAdapterOptions,
} from './segment-adapter';
export { MAX_BATCH_BYTES, MAX_CALL_BYTES, SEGMENT_ROUTES, type SegmentRoute } from './routes';
export { MAX_BATCH_CALLS } from './handle';
export { B2B_SAAS_EVENTS, CALL_TOUCHPOINT_TYPES, CUSTOM_EVENT, ECOMMERCE_V2_EVENTS, trackEventType } from './events';
export { occurredAt, parseIsoTimestamp } from './timestamps';
export { CALL_TYPES, MAX_MESSAGE_ID_LENGTH, type CallType } from './validate';
