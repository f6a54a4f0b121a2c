import {
  toJsonTextMap,
  touchpointId,
  wrapPayload,
  type Identifier,
  type JsonValue,
  type PosPayload,
  type Touchpoint,
} from '@c360/touchpoint';

/** A sale or a return, checked and in minor units, from any point-of-sale source. */
export interface PosSale {
  system: string;
  /** The source's own id of the record: what makes a re-sent record the same touchpoint. */
  sourceId: string;
  type: 'receipt_issued' | 'item_returned';
  occurredAt: number;
  identifiers: Identifier[];
  payload: PosPayload;
  context: Record<string, JsonValue | undefined>;
}

export interface SaleTouchpointOptions {
  adapter: string;
  adapterVersion: string;
  receivedAt: number;
  /** sha256 (hex) of the record's JSON text as received (card numbers redacted). */
  rawSha256: string;
}

export function saleTouchpoint(sale: PosSale, options: SaleTouchpointOptions): Touchpoint {
  return {
    touchpointId: touchpointId({ system: sale.system, sourceId: sale.sourceId }),
    channel: 'pos',
    type: sale.type,
    occurredAt: sale.occurredAt,
    receivedAt: options.receivedAt,
    source: {
      system: sale.system,
      sourceId: sale.sourceId,
      adapter: options.adapter,
      adapterVersion: options.adapterVersion,
      rawSha256: options.rawSha256,
    },
    identifiers: sale.identifiers,
    traits: {},
    consent: null,
    context: toJsonTextMap(sale.context),
    payload: wrapPayload('pos', sale.payload),
    locale: null,
  };
}

/** Σ quantity × unitPrice of the lines, in minor units. */
export const linesTotal = (payload: Pick<PosPayload, 'lines'>): number =>
  payload.lines.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0);
