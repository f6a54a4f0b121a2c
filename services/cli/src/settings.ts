import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Io } from './io';

export const DEFAULT_URL = 'http://localhost:8080';

export interface GlobalOptions {
  url?: string;
  token?: string;
  writeKey?: string;
  json?: boolean;
}

export interface Settings {
  url: string;
  /** Resolved lazily: most commands need only one of the two. */
  token(): Promise<string | null>;
  writeKey(): Promise<string | null>;
  json: boolean;
}

/**
 * Where the platform is and how to sign in: the option, else the environment
 * (`C360_URL`, `C360_TOKEN`, `C360_WRITE_KEY`), else — for the token and the write key
 * — what the embedded platform generated on its first start in
 * `<C360_DATA_DIR or ./data>/local-credentials.json`.
 */
export function resolveSettings(options: GlobalOptions, io: Io): Settings {
  let saved: Promise<{ writeKey?: unknown; adminToken?: unknown }> | undefined;
  const fromFile = () =>
    (saved ??= readFile(resolve(io.cwd, io.env.C360_DATA_DIR || './data', 'local-credentials.json'), 'utf8')
      .then((text) => JSON.parse(text) as { writeKey?: unknown; adminToken?: unknown })
      .catch(() => ({}) as { writeKey?: unknown; adminToken?: unknown }));
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
  return {
    url: (options.url || io.env.C360_URL || DEFAULT_URL).replace(/\/+$/, ''),
    json: options.json === true,
    token: async () => text(options.token) ?? text(io.env.C360_TOKEN) ?? text((await fromFile()).adminToken),
    writeKey: async () => text(options.writeKey) ?? text(io.env.C360_WRITE_KEY) ?? text((await fromFile()).writeKey),
  };
}
