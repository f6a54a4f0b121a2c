/**
 * @c360/channel-callcenter — call-center channel adapters for the collector: Amazon
 * Connect contact trace records (synchronous JSON API) and Twilio Voice status
 * callbacks (signed asynchronous webhook with quarantine), and call-detail CSV imports
 * (streamed; bad rows quarantined one by one).
 */
export {
  amazonConnectAdapter,
  CONNECT_MAX_BODY_BYTES,
  CONNECT_MAX_RECORDS,
  type AmazonConnectOptions,
} from './connect-adapter';
export { INITIATION_METHODS } from './connect-record';
export { callType } from './call-mapping';
export { twilioVoiceAdapter, EMPTY_TWIML, TWILIO_MAX_BODY_BYTES, type TwilioVoiceOptions } from './twilio-adapter';
export { PROGRESS_STATUSES, TERMINAL_STATUSES } from './twilio-callback';
export { TWILIO_SIGNATURE_HEADER, twilioSignature, verifyTwilioSignature } from './twilio-signature';
export { callCsvImportAdapter, type CallCsvImportOptions } from './calls-csv-adapter';
export { CALL_CSV_COLUMNS } from './calls-csv';
export { callTouchpoint, type CallFacts, type CallMappingOptions } from './call-mapping';
