/** Generated call-detail CSV for tests and benchmarks of the import (`POST /v1/callcenter/calls.csv`). */

export const CALL_CSV_HEADER =
  'call_id,caller_number,direction,queue,agent,started_at,ended_at,talk_seconds,hold_seconds,disposition,category,notes';

const CATEGORIES = ['purchase', 'information', 'consultation', 'complaint'];
const QUEUES = ['Orders', 'General', 'Billing', 'Callback Requests'];
const NOTES = [
  'Asked when the 10 kg rice sack is back in stock and whether delivery is free over $50.',
  'Complained about a late delivery; promised a technician visit within 24 hours.',
  'Explained how loyalty points are redeemed at the till and online, customer satisfied.',
  'Changed the delivery address for the standing order, confirmed by e-mail.',
];
const START = Date.parse('2026-03-01T08:00:00Z');

/**
 * Row `i` of a generated call-center export (~210 bytes, ending in a newline): call id
 * `<idPrefix>-<i, 7 digits>`, one of a million phone numbers, every direction, queue and
 * category in turn, a resolution disposition on every 7th call, a quoted note.
 */
export function callCsvRow(i: number, idPrefix = 'CALL'): string {
  const at = new Date(START + i * 17_000);
  const end = new Date(at.getTime() + (60 + (i % 900)) * 1000);
  const n = String(1_000_000 + (i % 1_000_000));
  return (
    `${idPrefix}-${String(i).padStart(7, '0')},+4144${n.slice(1)},${i % 5 === 0 ? 'outbound' : 'inbound'},` +
    `${QUEUES[i % 4]},agent.${i % 40},${at.toISOString()},${end.toISOString()},${60 + (i % 900)},${i % 30},` +
    `${i % 7 === 0 ? 'resolved' : 'answered'},${CATEGORIES[i % 4]},"${NOTES[i % 4]}"\n`
  );
}
