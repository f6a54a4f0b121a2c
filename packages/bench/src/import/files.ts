/**
 * The files imported: a call-detail export (rows from @c360/channel-callcenter/testing,
 * as its 100k-row memory test sends them, ~210 bytes each) and a till export (1–6 lines a receipt, the receipt's values on
 * its first line only, as the fixture's). Generated once, before anything is timed, and
 * held as bytes in the benchmark's process — never in the server's — so every contender
 * reads the very same bytes: the endpoint and csv-parse as 64 KiB chunks (as `c360
 * import` reads a file), the import without HTTP as slices of whole records.
 */
import { CALL_CSV_HEADER, callCsvRow } from '@c360/channel-callcenter/testing';

export type CsvKind = 'calls' | 'receipts';

export interface CsvWorkload {
  kind: CsvKind;
  /** The import endpoint. */
  path: string;
  /** The whole file: header and rows. */
  bytes: Buffer;
  /** The same bytes, 64 KiB each (views, not copies). */
  chunks: Buffer[];
  /** Whole records of about 1 MB, each after its own copy of the header. */
  slices: Buffer[];
  /** Data rows (lines after the header). */
  rows: number;
  /** Touchpoints the file yields: one a call, one a receipt. */
  touchpoints: number;
}

const CHUNK_BYTES = 64 * 1024;
const SLICE_BYTES = 1024 * 1024;

/** Groups of rows that belong together (a call, a receipt) → the workload. */
function workload(
  kind: CsvKind,
  path: string,
  header: string,
  groups: Iterable<{ text: string; rows: number }>,
): CsvWorkload {
  const head = Buffer.from(`${header}\n`);
  const parts: Buffer[] = [];
  let rows = 0;
  let touchpoints = 0;
  let part = '';
  for (const group of groups) {
    part += group.text;
    rows += group.rows;
    touchpoints++;
    if (part.length >= SLICE_BYTES) {
      parts.push(Buffer.from(part));
      part = '';
    }
  }
  if (part !== '') parts.push(Buffer.from(part));
  const bytes = Buffer.concat([head, ...parts]);
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += CHUNK_BYTES) chunks.push(bytes.subarray(at, at + CHUNK_BYTES));
  return { kind, path, bytes, chunks, slices: parts.map((p) => Buffer.concat([head, p])), rows, touchpoints };
}

function* calls(count: number, idPrefix: string): Generator<{ text: string; rows: number }> {
  for (let i = 0; i < count; i++) yield { text: callCsvRow(i, idPrefix), rows: 1 };
}

/** `count` calls, each a touchpoint; `idPrefix` keeps two files' call ids apart. */
export const callsCsv = (count: number, idPrefix: string): CsvWorkload =>
  workload('calls', '/v1/callcenter/calls.csv', CALL_CSV_HEADER, calls(count, idPrefix));

const RECEIPT_HEADER =
  'receipt_id,occurred_at,store_id,register,cashier,loyalty_card,email,phone,sku,name,category,quantity,unit_price,currency,coupon,points_earned,points_redeemed,payment_token,type';
const PRODUCTS = [
  ['RICE-JAS-10KG', 'Jasmine Rice 10 kg sack', 'staples', '18.49'],
  ['MILK-WH-1GAL', 'Whole Milk 1 gal', 'dairy', '3.79'],
  ['BAN-BUNCH', '"Bananas, bunch"', 'produce', '1.29'],
  ['EGG-L-12', '"Eggs, large, 12"', 'dairy', '4.19'],
  ['COF-ARA-1LB', 'Arabica coffee beans 1 lb', 'pantry', '11.99'],
  ['OIL-OLV-1L', 'Olive oil extra virgin 1 l', 'pantry', '9.49'],
  ['BRD-SOUR', 'Sourdough loaf', 'bakery', '5.25'],
] as const;

function* receipts(count: number, idPrefix: string): Generator<{ text: string; rows: number }> {
  const start = Date.parse('2026-03-01T16:00:00Z');
  for (let i = 0; i < count; i++) {
    const lines = 1 + ((i * 7) % 6);
    const returned = i % 20 === 19;
    const at = new Date(start + i * 23_000).toISOString().replace('.000Z', 'Z');
    const digits = String(10_000_000 + (i % 10_000_000)).slice(1);
    const receipt = [
      `${idPrefix}-${String(i).padStart(7, '0')}`,
      at,
      `store-${String(i % 40).padStart(4, '0')}`,
      String(1 + (i % 8)),
      `c-${100 + (i % 30)}`,
      i % 2 === 0 ? `SW-44${digits.slice(0, 2)}-${digits.slice(2)}-88` : '',
      i % 3 === 0 ? `shopper.${i}@example.com` : '',
      i % 4 === 0 ? `+41 44 ${digits.slice(0, 3)} ${digits.slice(3, 5)} ${digits.slice(5)}` : '',
    ];
    const totals = [String(lines * 5), i % 10 === 0 ? '100' : '0', i % 5 === 0 ? `tok_${digits}Visa` : ''];
    let text = '';
    for (let l = 0; l < lines; l++) {
      const [sku, name, category, price] = PRODUCTS[(i + l) % PRODUCTS.length]!;
      const first = l === 0;
      const receiptValues = first ? receipt : [receipt[0]!, '', '', '', '', '', '', ''];
      text +=
        `${[...receiptValues, sku, name, category, String(1 + ((i + l) % 3)), price].join(',')},` +
        `${first ? 'USD' : ''},${l === 1 && i % 9 === 0 ? 'SPRING-5OFF' : ''},` +
        `${(first ? totals : ['', '', '']).join(',')},${first ? (returned ? 'return' : 'sale') : ''}\n`;
    }
    yield { text, rows: lines };
  }
}

/** `count` receipts of 1–6 lines, each receipt a touchpoint (every 20th a return). */
export const receiptsCsv = (count: number, idPrefix: string): CsvWorkload =>
  workload('receipts', '/v1/pos/receipts.csv', RECEIPT_HEADER, receipts(count, idPrefix));
