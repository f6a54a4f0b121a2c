import type { StatementKinds } from '../sql-counter';

/** What the query API, the raw endpoints and the projection run, by kind. */
export const QUERY_STATEMENTS: StatementKinds = [
  ['token verify (api_tokens)', /\bFROM api_tokens\b/],
  ['profile: chain, row, identifiers, members, facts', /WITH RECURSIVE chain[\s\S]*\bmembers\(id\)/],
  ['resolve live (merge chain)', /WITH RECURSIVE chain/],
  ['members (rm_merges)', /WITH RECURSIVE members/],
  ['profile row (rm_profiles by key)', /^\s*SELECT [\s\S]*\bFROM rm_profiles WHERE customer_id = \$1/],
  ['identifiers of owner', /\bFROM rm_identifiers WHERE owner_id\b/],
  ['contact facts of owner', /\bFROM rm_contact_history WHERE owner_id\b/],
  ['owner of identifier', /\bFROM rm_identifiers WHERE type = \$1 AND hash = \$2/],
  ['raw lookup join', /\bFROM rm_identifiers i JOIN rm_profiles\b/],
  ['access log insert', /^\s*INSERT INTO api_access_log\b/],
  ['readAll', /\bglobal_position > \$1/],
  ['keyring keys select', /^\s*SELECT[\s\S]*\bkeyring_keys\b/],
  ['keyring keys insert', /^\s*INSERT INTO keyring_keys\b/],
  ['read models: owners', /^\s*SELECT customer_id, merged_into FROM \w+profiles WHERE customer_id = ANY/],
  ['read models: insert', /^\s*INSERT INTO rm\w*_/],
  ['read models: refresh select', /jsonb_agg\(fact ORDER BY/],
  ['read models: refresh update', /^\s*UPDATE \w+profiles p\b/],
];
