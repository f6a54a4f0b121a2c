import { csvImportHandler, reprocessCsv, type ChannelAdapter, type CsvLimits } from '@c360/channels';
import { writeKeyAuth } from '@c360/http';
import { receiptCheckOptions, type PosReceiptsOptions } from './receipts-adapter';
import { receiptCsvFormat } from './receipts-csv';

export interface PosReceiptsCsvOptions extends PosReceiptsOptions {
  /** Body and record size limits, batch size (see @c360/channels). */
  limits?: Partial<CsvLimits>;
}

const NAME = 'pos-receipts-csv';
const VERSION = '1.0.0';

/**
 * `POST /v1/pos/receipts.csv` — a till export as CSV, one row per basket line (columns in
 * receipts-csv.ts), streamed: authenticated by a `pos` source's write key (HTTP Basic
 * user); answers with the import's totals (see `csvImportHandler` in @c360/channels, incl.
 * NDJSON progress). Receipts are checked and mapped as JSON receipts are, with the same
 * touchpoint ids: importing the same file again records nothing twice.
 */
export function posReceiptsCsvAdapter(options: PosReceiptsCsvOptions = {}): ChannelAdapter {
  const format = receiptCsvFormat({ ...receiptCheckOptions(options), adapter: NAME, adapterVersion: VERSION });
  return {
    name: NAME,
    version: VERSION,
    channel: 'pos',
    mount(router, context) {
      router.post(
        '/v1/pos/receipts.csv',
        writeKeyAuth(context.sourceKeys, ['pos']),
        csvImportHandler({ format, context, limits: options.limits }),
      );
    },
    reprocess: (input, context) => reprocessCsv(format, input, context),
  };
}
