import type { Request, Response } from 'express';
import type { Role } from '@c360/auth';
import { InfrastructureError } from '@c360/errors';
import { groupCommit, SqlError, type Sql } from '@c360/sql';

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

interface AccessRow {
  tokenId: string;
  role: Role;
  method: string;
  path: string;
  customerId: string | null;
  personal: boolean;
}

export interface AccessLog {
  /**
   * Records a read in `api_access_log`: one row per customer whose data the response
   * carries (one row with no customer for a search that found nobody). Call it after
   * the response body is built and before it is sent: when the row cannot be written
   * the read fails with 503 `access_log_unavailable`, so personal data is never
   * served unlogged. `personal` says whether personal values were served in clear.
   */
  record(
    request: Request,
    caller: Caller,
    access: { customerIds: readonly string[]; personal: boolean },
  ): Promise<void>;
}

/**
 * The access log, written with group commit: reads that finish while an INSERT is in
 * flight are logged together by the next one, so under load many reads share one
 * statement and one COMMIT; each read still waits for its own rows to be durable.
 */
export function accessLog(sql: Sql): AccessLog {
  const rows = groupCommit<AccessRow[]>({
    async write(groups) {
      const all = groups.flat();
      await sql.query(
        `INSERT INTO api_access_log (token_id, role, method, path, customer_id, personal)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::boolean[])`,
        [
          all.map((r) => r.tokenId),
          all.map((r) => r.role),
          all.map((r) => r.method),
          all.map((r) => r.path),
          all.map((r) => r.customerId),
          all.map((r) => r.personal),
        ],
      );
    },
    weight: (group) => group.length,
    maxWeight: 5_000,
    isolate: (error) => !(error instanceof SqlError && error.retriable),
  });
  return {
    async record(request, caller, access) {
      const path = request.originalUrl.split('?')[0] ?? request.path;
      const customers = access.customerIds.length > 0 ? [...new Set(access.customerIds)] : [null];
      try {
        await rows.add(
          customers.map((customerId) => ({
            tokenId: caller.tokenId,
            role: caller.role,
            method: request.method,
            path,
            customerId,
            personal: access.personal,
          })),
        );
      } catch (error) {
        throw new InfrastructureError('the access log cannot be written; the read is refused', {
          retriable: true,
          code: 'access_log_unavailable',
          cause: error,
        });
      }
    },
  };
}
