/**
 * The ceilings: bare express endpoints on the same loopback and the same SQL pool
 * as the API, each answering what one plain statement returns, as JSON —
 *
 * - `GET /raw/customers/:id`: `SELECT * FROM rm_profiles WHERE customer_id = $1`;
 * - `GET /raw/lookup?type=&value=`: the keyed hash of the value (as the API
 *   computes it), then one join of rm_identifiers and rm_profiles by it;
 *
 * and the same under `/raw-logged/…` with the API's access-log row written before
 * the answer (the same INSERT into the same `api_access_log`), to tell what the log
 * costs: the API has no switch to turn it off. No auth, no masking, no merges
 * followed, no computed traits: an unknown key is a 404.
 */
import express, { type Request, type Response } from 'express';
import type { Keyring } from '@c360/keyring';
import type { Sql } from '@c360/sql';
import { listen, type Listening } from '../collect/server';

const ACCESS_LOG = `INSERT INTO api_access_log (token_id, role, method, path, customer_id, personal)
  VALUES ($1, $2, $3, $4, $5, $6)`;

export async function startRaw(options: { sql: Sql; keyring: Pick<Keyring, 'identifierHash'> }): Promise<Listening> {
  const { sql, keyring } = options;
  const answer = async (
    request: Request,
    response: Response,
    row: Record<string, unknown> | undefined,
    logged: boolean,
  ): Promise<void> => {
    if (!row) {
      response.status(404).json({ error: { code: 'not_found' } });
      return;
    }
    // int8 columns come back as bigint (the SQL port's contract), which JSON cannot carry.
    for (const [key, value] of Object.entries(row)) if (typeof value === 'bigint') row[key] = String(value);
    if (logged) {
      await sql.query(ACCESS_LOG, ['bench-raw', 'reader', request.method, request.path, row.customer_id, false]);
    }
    response.json(row);
  };
  const app = express();
  app.disable('x-powered-by');
  for (const logged of [false, true]) {
    const base = logged ? '/raw-logged' : '/raw';
    app.get(`${base}/customers/:id`, async (request, response) => {
      const { rows } = await sql.query('SELECT * FROM rm_profiles WHERE customer_id = $1', [request.params.id]);
      await answer(request, response, rows[0], logged);
    });
    app.get(`${base}/lookup`, async (request, response) => {
      const { type, value } = request.query;
      if (typeof type !== 'string' || typeof value !== 'string') {
        response.status(400).json({ error: { code: 'invalid_request' } });
        return;
      }
      const { rows } = await sql.query(
        `SELECT p.* FROM rm_identifiers i JOIN rm_profiles p ON p.customer_id = i.owner_id
          WHERE i.type = $1 AND i.hash = $2`,
        [type, keyring.identifierHash(type, value)],
      );
      await answer(request, response, rows[0], logged);
    });
  }
  return listen(app);
}
