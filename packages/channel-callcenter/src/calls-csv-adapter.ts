import { csvImportHandler, reprocessCsv, type ChannelAdapter, type CsvLimits } from '@c360/channels';
import { writeKeyAuth } from '@c360/http';
import { callCsvFormat } from './calls-csv';
import { callPolicy } from './phone';

export interface CallCsvImportOptions {
  /** `source.system` of every touchpoint (part of its id, with the source key and call_id); default `callcenter-csv`. */
  system?: string;
  /** Region for caller numbers without + or 00, e.g. `CH`; default the identity policy's. */
  defaultRegion?: string;
  /** Body and record size limits, batch size (see @c360/channels). */
  limits?: Partial<CsvLimits>;
}

const NAME = 'callcenter-calls-csv';
const VERSION = '1.0.0';

/**
 * `POST /v1/callcenter/calls.csv` — call-detail records as a CSV file (columns in
 * calls-csv.ts), streamed: authenticated by a `call_center` source's write key (HTTP
 * Basic user); answers with the import's totals (see `csvImportHandler` in
 * @c360/channels, incl. NDJSON progress). Touchpoint ids derive from the source key and
 * call_id: importing the same file again — from the same source — records nothing twice.
 */
export function callCsvImportAdapter(options: CallCsvImportOptions = {}): ChannelAdapter {
  const format = callCsvFormat({
    adapter: NAME,
    adapterVersion: VERSION,
    system: options.system ?? 'callcenter-csv',
    policy: callPolicy(options.defaultRegion),
  });
  return {
    name: NAME,
    version: VERSION,
    channel: 'call_center',
    mount(router, context) {
      router.post(
        '/v1/callcenter/calls.csv',
        writeKeyAuth(context.sourceKeys, ['call_center']),
        csvImportHandler({ format, context, limits: options.limits }),
      );
    },
    reprocess: (input, context) => reprocessCsv(format, input, context),
  };
}
