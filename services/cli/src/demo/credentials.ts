import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The admin token: `C360_TOKEN`, else the one `npm start` generated on first start in
 * `<C360_DATA_DIR or ./data>/local-credentials.json` (services/platform/src/bootstrap.ts);
 * null when neither exists.
 */
export async function adminTokenFrom(env: NodeJS.ProcessEnv): Promise<{ token: string; from: string } | null> {
  if (env.C360_TOKEN?.trim()) return { token: env.C360_TOKEN.trim(), from: 'C360_TOKEN' };
  const file = join(env.C360_DATA_DIR?.trim() || './data', 'local-credentials.json');
  try {
    const saved = JSON.parse(await readFile(file, 'utf8')) as { adminToken?: unknown };
    return typeof saved.adminToken === 'string' ? { token: saved.adminToken, from: file } : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
