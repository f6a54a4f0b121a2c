import { csvPath, redactCardNumbers, sha256Hex, type CsvFormat, type CsvOutcome, type CsvRow } from '@c360/channels';
import type { ValidationIssue } from '@c360/errors';
import { CARD_NUMBER_REFUSED, cardNumberIssues } from './card-number';
import { saleTouchpoint } from './pos-sale';
import { checkReceipt, MAX_LINES, type ReceiptCheckOptions } from './receipt';

/**
 * Receipts CSV (`POST /v1/pos/receipts.csv`): one row per basket line; consecutive rows
 * with the same receipt_id are one receipt — a receipt_id that comes back after another
 * receipt's rows is an error for that row (the receipt it belongs to has been recorded).
 * Every row of a receipt carries the receipt's values (occurred_at … type) or leaves them
 * blank after the first; a different value is an error. Each receipt is then checked and
 * mapped exactly as a JSON receipt (`checkReceipt`, `saleTouchpoint`): the same rules,
 * the same touchpoint id (`store_id/register/receipt_id`) — a receipt sent both ways is
 * one touchpoint. Columns (email and phone may be left out of the header):
 *
 * | column | per | value |
 * |---|---|---|
 * | receipt_id | receipt | required; the till's receipt number |
 * | occurred_at | receipt | required: ISO 8601 with an offset, e.g. 2026-03-14T09:41:07-08:00 |
 * | store_id, register, cashier | receipt | store required |
 * | loyalty_card, email, phone | receipt | identifiers (phone with the default region) |
 * | sku, name, category | line | sku and name required |
 * | quantity | line | integer > 0 on a return (made negative), non-zero on a sale |
 * | unit_price | line | decimal in major units, e.g. 18.49; no more decimals than the currency has |
 * | currency | receipt | ISO 4217, e.g. USD |
 * | coupon | line | a coupon redeemed; the receipt's coupons are the distinct ones of its lines |
 * | points_earned, points_redeemed | receipt | whole numbers; blank is 0 |
 * | payment_token | receipt | kept only as a keyed hash |
 * | type | receipt | sale or return (quantities, and so the value, become negative) |
 *
 * The total is the sum of the lines (no discount or tax columns). A receipt that fails is
 * quarantined whole — the header and all its rows, card numbers redacted — at its first line.
 */
const RECEIPT_COLUMNS = [
  'receipt_id',
  'occurred_at',
  'store_id',
  'register',
  'cashier',
  'loyalty_card',
  'email',
  'phone',
  'currency',
  'points_earned',
  'points_redeemed',
  'payment_token',
  'type',
] as const;
type ReceiptColumn = (typeof RECEIPT_COLUMNS)[number];
const LINE_COLUMNS = ['sku', 'name', 'category', 'quantity', 'unit_price', 'coupon'] as const;

export const RECEIPT_CSV_COLUMNS = {
  required: [...RECEIPT_COLUMNS.filter((c) => c !== 'email' && c !== 'phone'), ...LINE_COLUMNS],
  optional: ['email', 'phone'],
};

/** A path of a JSON receipt's issue → the CSV column it came from. */
const COLUMN_OF: Record<string, ReceiptColumn> = {
  receiptNumber: 'receipt_id',
  occurredAt: 'occurred_at',
  storeId: 'store_id',
  registerId: 'register',
  cashierId: 'cashier',
  loyaltyCardIds: 'loyalty_card',
  'customer.email': 'email',
  'customer.phone': 'phone',
  currency: 'currency',
  pointsEarned: 'points_earned',
  pointsRedeemed: 'points_redeemed',
  paymentToken: 'payment_token',
};
const LINE_COLUMN_OF: Record<string, string> = { unitPrice: 'unit_price' };

export interface ReceiptCsvOptions extends ReceiptCheckOptions {
  adapter: string;
  adapterVersion: string;
}

interface Receipt {
  id: string;
  rows: CsvRow[];
}

export function receiptCsvFormat(options: ReceiptCsvOptions): CsvFormat {
  return {
    adapter: options.adapter,
    channel: 'pos',
    columns: RECEIPT_CSV_COLUMNS,
    mapper: ({ receivedAt }) => {
      const ended = new Set<string>();
      let open: Receipt | null = null;
      const close = (): CsvOutcome[] => {
        if (!open) return [];
        const receipt = open;
        open = null;
        ended.add(receipt.id);
        return [receiptOutcome(receipt, receivedAt, options)];
      };
      const alone = (row: CsvRow, reason: string, issues: ValidationIssue[]): CsvOutcome => ({
        kind: 'rejected',
        line: row.line,
        reason,
        issues,
        text: redactCardNumbers(row.text),
      });
      return {
        row(row) {
          const id = row.values.receipt_id?.trim() ?? '';
          // A broken row whose receipt cannot be read (a cut-off last line) may belong to the open
          // receipt: it joins it, and the receipt is quarantined whole rather than accepted short.
          const joins = id === open?.id || (id === '' && row.issues.length > 0);
          if (open && joins && open.rows.length < MAX_LINES) {
            open.rows.push(row);
            return [];
          }
          const outcomes = open?.id === id ? [] : close();
          if (row.issues.length > 0 && !open) return [...outcomes, alone(row, 'invalid_row', row.issues)];
          if (id === '') return [...outcomes, alone(row, 'invalid_receipt', [issue(row, 'receipt_id', 'is required')])];
          if (open) {
            // The receipt already holds MAX_LINES lines: the whole of it is refused.
            open.rows.push(row);
            return [...outcomes, ...close()];
          }
          if (ended.has(id)) {
            const message = `receipt ${id} appeared earlier in the file: a receipt's rows must be consecutive`;
            return [...outcomes, alone(row, 'receipt_not_consecutive', [issue(row, 'receipt_id', message)])];
          }
          open = { id, rows: [row] };
          return outcomes;
        },
        end: close,
      };
    },
  };
}

const issue = (row: CsvRow, column: string, message: string): ValidationIssue => ({
  path: csvPath(row.line, column),
  message,
});

function receiptOutcome(receipt: Receipt, receivedAt: number, options: ReceiptCsvOptions): CsvOutcome {
  const line = receipt.rows[0]!.line;
  const text = receipt.rows.map((row) => row.text).join('\n');
  const rejected = (reason: string, issues: ValidationIssue[], kept = text): CsvOutcome => ({
    kind: 'rejected',
    line,
    reason,
    issues,
    text: kept,
  });
  const shape = receipt.rows.flatMap((row) => row.issues);
  if (shape.length > 0) return rejected('invalid_row', shape, redactCardNumbers(text));

  const { json, issues, lineOf } = receiptJson(receipt.rows);
  const cards = cardNumberIssues(json);
  if (cards.length > 0) return rejected(CARD_NUMBER_REFUSED, cards.map(lineOf), redactCardNumbers(text));
  const checked = checkReceipt(json, '', options);
  if (!checked.ok || issues.length > 0) {
    return rejected('invalid_receipt', [...issues, ...(checked.ok ? [] : checked.issues.map(lineOf))]);
  }
  const touchpoint = saleTouchpoint(checked.sale, {
    adapter: options.adapter,
    adapterVersion: options.adapterVersion,
    receivedAt,
    rawSha256: sha256Hex(text),
  });
  return { kind: 'touchpoint', line, touchpoint, text };
}

/**
 * The rows as a JSON receipt (the shape `checkReceipt` reads), the issues only the CSV
 * form can have (receipt values that differ between rows, a return's sign), and the
 * translation of a JSON receipt's issue path to the line and column it came from.
 */
function receiptJson(rows: CsvRow[]) {
  const issues: ValidationIssue[] = [];
  const from: Partial<Record<ReceiptColumn, CsvRow>> = {};
  const value = (column: ReceiptColumn): string | undefined => {
    for (const row of rows) {
      const v = row.values[column]?.trim();
      if (!v) continue;
      const first = from[column];
      if (!first) from[column] = row;
      else if (first.values[column]!.trim() !== v) {
        issues.push(issue(row, column, `differs from the receipt's value on line ${first.line}`));
      }
    }
    return from[column]?.values[column]!.trim();
  };
  const type = value('type');
  const returned = type === 'return';
  if (type !== undefined && type !== 'sale' && !returned) {
    issues.push(issue(from.type!, 'type', 'must be sale or return'));
  }
  if (type === undefined) issues.push(issue(rows[0]!, 'type', 'is required: sale or return'));
  const lines = rows.map((row) => {
    let quantity: unknown = integer(row.values.quantity);
    if (returned && typeof quantity === 'number') {
      if (quantity <= 0) issues.push(issue(row, 'quantity', 'must be > 0 on a return (type=return makes it negative)'));
      quantity = -quantity;
    }
    return {
      sku: blankless(row.values.sku),
      name: blankless(row.values.name),
      category: blankless(row.values.category),
      quantity,
      unitPrice: blankless(row.values.unit_price),
    };
  });
  const loyaltyCard = value('loyalty_card');
  const json = {
    receiptNumber: value('receipt_id'),
    storeId: value('store_id'),
    registerId: value('register'),
    cashierId: value('cashier'),
    occurredAt: value('occurred_at'),
    currency: value('currency'),
    lines,
    coupons: [...new Set(rows.map((row) => row.values.coupon?.trim()).filter((c): c is string => !!c))],
    loyaltyCardIds: loyaltyCard === undefined ? [] : [loyaltyCard],
    customer: { email: value('email'), phone: value('phone') },
    paymentToken: value('payment_token'),
    pointsEarned: integer(value('points_earned')),
    pointsRedeemed: integer(value('points_redeemed')),
  };
  const lineOf = (i: ValidationIssue): ValidationIssue => {
    const line = /^lines\[(\d+)\](?:\.(\w+))?/.exec(i.path);
    if (line) {
      const row = rows[Number(line[1])]!;
      return { path: csvPath(row.line, LINE_COLUMN_OF[line[2] ?? ''] ?? line[2]), message: i.message };
    }
    if (i.path.startsWith('coupons')) {
      const row = rows.find((r) => r.values.coupon?.trim()) ?? rows[0]!;
      return { path: csvPath(row.line, 'coupon'), message: i.message };
    }
    const column = COLUMN_OF[i.path.replace(/\[\d+\]$/, '')];
    const row = (column && from[column]) || rows[0]!;
    return { path: csvPath(row.line, column ?? i.path), message: i.message };
  };
  return { json, issues, lineOf };
}

const blankless = (text: string | undefined): string | undefined => (text?.trim() ? text.trim() : undefined);

/** Whole numbers as numbers (what a JSON receipt holds); anything else as written, for checkReceipt to refuse. */
function integer(text: string | undefined): number | string | undefined {
  const v = blankless(text);
  return v !== undefined && /^[+-]?\d{1,15}$/.test(v) ? Number(v) : v;
}
