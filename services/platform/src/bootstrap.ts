import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { apiTokenStore, sourceKeyStore } from '@c360/auth';
import type { Config } from '@c360/config';
import type { Sql } from '@c360/sql';

/** Credentials the operator can use right away; `null` when not known to this process. */
export interface LocalCredentials {
  writeKey: string | null;
  adminToken: string | null;
  /** Where the generated pair is kept, when it was generated here. */
  file: string | null;
}

const FILE_NAME = 'local-credentials.json';

/**
 * Makes the platform usable without a manual step:
 * - `C360_BOOTSTRAP_WRITE_KEY` / `C360_BOOTSTRAP_ADMIN_TOKEN`, when set, exist after
 *   this call (created idempotently: the store keeps only their hashes);
 * - on the embedded default (no DATABASE_URL) with no credentials at all yet, a web
 *   write key and an admin token are generated once and kept, readable by the owner
 *   only, in `<C360_DATA_DIR>/local-credentials.json`, so every start can print them.
 *   A server deployment never writes secrets to disk: it uses the variables or the CLI.
 */
export async function bootstrapCredentials(config: Config, sql: Sql): Promise<LocalCredentials> {
  const keys = sourceKeyStore(sql);
  const tokens = apiTokenStore(sql);
  if (config.C360_BOOTSTRAP_WRITE_KEY) {
    await keys.create({
      name: 'bootstrap (C360_BOOTSTRAP_WRITE_KEY)',
      channel: 'web',
      writeKey: config.C360_BOOTSTRAP_WRITE_KEY,
    });
  }
  if (config.C360_BOOTSTRAP_ADMIN_TOKEN) {
    await tokens.create({
      name: 'bootstrap (C360_BOOTSTRAP_ADMIN_TOKEN)',
      role: 'admin',
      token: config.C360_BOOTSTRAP_ADMIN_TOKEN,
    });
  }
  const fromEnv = {
    writeKey: config.C360_BOOTSTRAP_WRITE_KEY ?? null,
    adminToken: config.C360_BOOTSTRAP_ADMIN_TOKEN ?? null,
  };
  if (config.DATABASE_URL) return { ...fromEnv, file: null };

  const file = join(config.C360_DATA_DIR, FILE_NAME);
  const saved = await readSaved(file);
  if (saved)
    return { writeKey: fromEnv.writeKey ?? saved.writeKey, adminToken: fromEnv.adminToken ?? saved.adminToken, file };
  const anyExisting = (await keys.list()).length > 0 || (await tokens.list()).length > 0;
  if (anyExisting) return { ...fromEnv, file: null };

  const { writeKey } = await keys.create({ name: 'local web source (generated on first start)', channel: 'web' });
  const { secret: adminToken } = await tokens.create({ name: 'local admin (generated on first start)', role: 'admin' });
  await writeFile(file, `${JSON.stringify({ writeKey, adminToken }, null, 2)}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return { writeKey: fromEnv.writeKey ?? writeKey, adminToken: fromEnv.adminToken ?? adminToken, file };
}

async function readSaved(file: string): Promise<{ writeKey: string; adminToken: string } | null> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as { writeKey?: unknown; adminToken?: unknown };
    if (typeof parsed.writeKey === 'string' && typeof parsed.adminToken === 'string') {
      return { writeKey: parsed.writeKey, adminToken: parsed.adminToken };
    }
    return null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
