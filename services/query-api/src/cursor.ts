import { invalidParameter } from './params';

/**
 * Opaque keyset cursors: the sort key of the last item of a page, as base64url
 * JSON tagged with the listing it belongs to. Clients pass them back unchanged; a
 * cursor that does not decode, whose parts do not match `parts`, or that belongs
 * to another listing, is a 400 on
 * `cursor` (never a silently restarted listing).
 */
export function encodeCursor(kind: string, key: readonly string[]): string {
  return Buffer.from(JSON.stringify([kind, ...key]), 'utf8').toString('base64url');
}

export function decodeCursor(kind: string, cursor: string | undefined, parts: readonly RegExp[]): string[] | null {
  if (cursor === undefined) return null;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = null;
  }
  if (
    !Array.isArray(decoded) ||
    decoded.length !== parts.length + 1 ||
    decoded[0] !== kind ||
    !parts.every((pattern, i) => typeof decoded[i + 1] === 'string' && pattern.test(decoded[i + 1]))
  ) {
    throw invalidParameter('cursor', 'not a cursor of this listing; pass back nextCursor unchanged');
  }
  return (decoded as string[]).slice(1);
}

/** A page of `limit` items from `rows` fetched with `limit + 1`, and the cursor of the next page (null at the end). */
export function page<Row>(
  rows: readonly Row[],
  limit: number,
  cursorOf: (last: Row) => string,
): { items: Row[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? cursorOf(items.at(-1)!) : null };
}

export const CURSOR_PARTS = {
  customerId: /^[0-9a-f-]{36}$/,
  instant: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/,
  touchpointId: /^[0-9a-f-]{36}$/,
  position: /^\d{1,19}$/,
};
