/**
 * The read-model tables of one generation. The live generation is `rm_*`; a rebuild
 * writes `rmx_*` and swaps them in; a verify writes `rmv_*` and compares.
 */
export interface ReadModelTables {
  prefix: string;
  profiles: string;
  identifiers: string;
  contacts: string;
  merges: string;
  identityLog: string;
}

export const TABLE_KINDS = ['profiles', 'identifiers', 'contact_history', 'merges', 'identity_log'] as const;

export function readModelTables(prefix = 'rm_'): ReadModelTables {
  if (!/^[a-z][a-z0-9]*_$/.test(prefix)) throw new Error(`bad read-model prefix ${prefix}`);
  return {
    prefix,
    profiles: `${prefix}profiles`,
    identifiers: `${prefix}identifiers`,
    contacts: `${prefix}contact_history`,
    merges: `${prefix}merges`,
    identityLog: `${prefix}identity_log`,
  };
}

export const LIVE_TABLES = readModelTables('rm_');
