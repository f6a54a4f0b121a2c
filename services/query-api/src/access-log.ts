import type { Request, Response } from 'express';
import type { Role } from '@c360/auth';
import { InfrastructureError } from '@c360/errors';
import type { Sql } from '@c360/sql';

/** What a caller may see: `clear` personal values (pii_reader, admin) or masked ones (reader). */
export interface Caller {
  tokenId: string;
  role: Role;
  clear: boolean;
}

export function callerOf(response: Response): Caller {
  const token = response.locals.token;
  if (!token) throw new Error('query API route reached without bearer authentication');
  return { tokenId: token.id, role: token.role, clear: token.role !== 'reader' };
}

/**
 * Records reads in `api_access_log`: one row per customer whose data the response
 * carries (one row with no customer for a search that found nobody). Call it after
 * the response body is built and before it is sent: when the row cannot be written
 * the read fails with 503 `access_log_unavailable`, so personal data is never served
 * unlogged. `personal` says whether personal values were served in clear.
 */
export async function recordAccess(
  sql: Sql,
  request: Request,
  caller: Caller,
  access: { customerIds: readonly string[]; personal: boolean },
): Promise<void> {
  const path = request.originalUrl.split('?')[0] ?? request.path;
  const customers = access.customerIds.length > 0 ? [...new Set(access.customerIds)] : [null];
  try {
    await sql.query(
      `INSERT INTO api_access_log (token_id, role, method, path, customer_id, personal)
       SELECT $1, $2, $3, $4, customer_id, $6 FROM unnest($5::text[]) AS c(customer_id)`,
      [caller.tokenId, caller.role, request.method, path, customers, access.personal],
    );
  } catch (error) {
    throw new InfrastructureError('the access log cannot be written; the read is refused', {
      retriable: true,
      code: 'access_log_unavailable',
      cause: error,
    });
  }
}
