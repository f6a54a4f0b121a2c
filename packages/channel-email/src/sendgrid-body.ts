import { parseJsonBody, sha256Hex } from '@c360/channels';
import { checkSendgridEvent } from './sendgrid-event';
import { sendgridTouchpoint, type SendgridMappingOptions } from './sendgrid-mapping';
import { emptySorted, sortTouchpoint, type Sorted } from '@c360/channels';

const JSON_TYPE = 'application/json';

/**
 * The webhook body as JSON. Throws ValidationError `invalid_json` when the bytes are not
 * UTF-8 JSON (RFC 8259 §8.1) — see the adapter for why that is a 400, not a quarantine.
 */
export const parseSendgridBody = (raw: Buffer): unknown => parseJsonBody(raw, 'a JSON array of SendGrid events');

/**
 * Sorts a parsed body into touchpoints and quarantine inputs: each array element on
 * its own (a bad event never holds up the good ones of its batch), each kept as its
 * own JSON text so it can be repaired and re-submitted alone. A value that is not an
 * array is kept whole (`not_an_array`). With `lone: true` (re-processing) an object
 * is taken as one event, since that is how quarantined events are stored.
 */
export function sortSendgridBody(
  body: unknown,
  raw: Buffer,
  options: Omit<SendgridMappingOptions, 'rawSha256'> & { lone?: boolean },
): Sorted {
  const sorted = emptySorted();
  const lone = options.lone === true && typeof body === 'object' && body !== null && !Array.isArray(body);
  if (!Array.isArray(body) && !lone) {
    sorted.rejected.push({
      reason: 'not_an_array',
      issues: [{ path: '(body)', message: 'must be a JSON array of SendGrid events' }],
      contentType: JSON_TYPE,
      raw,
    });
    return sorted;
  }
  const items: unknown[] = lone ? [body] : (body as unknown[]);
  items.forEach((item, index) => {
    const at = lone ? '' : `[${index}]`;
    const itemRaw = lone ? raw : Buffer.from(JSON.stringify(item) ?? 'null', 'utf8');
    const checked = checkSendgridEvent(item, at);
    if (!checked.ok) {
      sorted.rejected.push({ reason: checked.reason, issues: checked.issues, contentType: JSON_TYPE, raw: itemRaw });
      return;
    }
    const touchpoint = sendgridTouchpoint(checked.event, { ...options, rawSha256: sha256Hex(itemRaw) });
    sortTouchpoint(sorted, touchpoint, { contentType: JSON_TYPE, raw: itemRaw });
  });
  return sorted;
}
