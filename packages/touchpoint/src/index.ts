/**
 * @c360/touchpoint — the Touchpoint contract (schemas/touchpoint/v<N>/*.avsc) and
 * its codec: Avro single-object encoding, writer→reader resolution by fingerprint,
 * validation with field paths, deterministic ids.
 */
export type {
  CallCategory,
  CallCenterPayload,
  CallDirection,
  Channel,
  DeviceType,
  EmailPayload,
  Identifier,
  IdentifierType,
  JsonTextMap,
  PayloadByChannel,
  PosLine,
  PosPayload,
  Source,
  Touchpoint,
  TouchpointPayload,
  WebPayload,
} from './types';
export { CALL_CATEGORIES, CALL_DIRECTIONS, CHANNELS, DEVICE_TYPES, IDENTIFIER_TYPES, PAYLOAD_BRANCH } from './types';
export { createTouchpointCodec, decodeTouchpoint, encodeTouchpoint } from './codec';
export type { TouchpointCodec, TouchpointCodecOptions } from './codec';
export { CorruptMessageError, UnknownSchemaError } from './errors';
export { touchpointIssues, validateTouchpoint } from './validate';
export { EARLIEST_TIMESTAMP, LATEST_TIMESTAMP, MAX_CLOCK_SKEW_MS } from './semantic-issues';
export { SOURCE_SYSTEM_PATTERN, TOUCHPOINT_ID_NAMESPACE, touchpointId, uuidV5 } from './touchpoint-id';
export type { TouchpointIdInput } from './touchpoint-id';
export { fromJsonTextMap, toJsonTextMap } from './json-text-map';
export type { JsonValue } from './json-text-map';
export { unwrapPayload, wrapPayload } from './payload';
export type { UnwrappedPayload } from './payload';
export { DEFAULT_SCHEMA_DIR, TOUCHPOINT_RECORD, loadTouchpointSchemas, loadVersion } from './schemas';
export type { SchemaVersion, TouchpointSchemas } from './schemas';
export { getTouchpointSchemas } from './default-schemas';
export { parsingCanonicalForm } from './canonical-form';
export { fingerprintHex, rabinFingerprint } from './rabin';
export {
  SINGLE_OBJECT_HEADER_LENGTH,
  SINGLE_OBJECT_MAGIC,
  frameSingleObject,
  parseSingleObject,
} from './single-object';
export { partitionKey } from './partition-key';
