import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { ValidationError } from '@c360/errors';
import { KEY_BYTES } from './crypto';

const HEX = /^[0-9a-fA-F]{64}$/;
/** 43 characters of base64 or base64url carry 258 bits: exactly 32 bytes (with or without the one `=`). */
const BASE64 = /^[A-Za-z0-9+/_-]{43}=?$/;
const MASTER_KEY_FILE = 'master.key';

function decodeKey(text: string, source: string): Buffer {
  const trimmed = text.trim();
  if (HEX.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (BASE64.test(trimmed)) return Buffer.from(trimmed.replaceAll('-', '+').replaceAll('_', '/'), 'base64');
  // The value itself is never echoed: it may be a real key with a typo.
  throw new ValidationError(
    `${source} must be 32 bytes as base64 or hex (e.g. the output of openssl rand -base64 32)`,
    {
      code: 'invalid_configuration',
      issues: [{ path: source, message: 'must be 32 bytes as base64 or hex' }],
    },
  );
}

/** The master key from its text form: base64, base64url or hex of exactly 32 bytes. */
export function parseMasterKey(text: string): Buffer {
  return decodeKey(typeof text === 'string' ? text : '', 'C360_MASTER_KEY');
}

/**
 * The configured master key, else the one in `<dataDir>/master.key`, created there
 * on first start (random, owner-read/write only). The file appears complete or not
 * at all (written aside, then hard-linked into place, which never overwrites), so
 * processes starting together all end up with the first key written.
 */
export async function loadOrCreateMasterKey(options: { configured?: string; dataDir: string }): Promise<Buffer> {
  if (options.configured !== undefined && options.configured !== '') return parseMasterKey(options.configured);
  const path = join(options.dataDir, MASTER_KEY_FILE);
  const existing = await readKeyFile(path);
  if (existing) return existing;

  await mkdir(options.dataDir, { recursive: true });
  const aside = join(options.dataDir, `.${MASTER_KEY_FILE}.${randomBytes(6).toString('hex')}.tmp`);
  const file = await open(aside, 'wx', 0o600);
  try {
    await file.writeFile(`${randomBytes(KEY_BYTES).toString('base64')}\n`, 'utf8');
    await file.sync();
  } finally {
    await file.close();
  }
  try {
    await link(aside, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await unlink(aside);
  }
  return (await readKeyFile(path))!;
}

async function readKeyFile(path: string): Promise<Buffer | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return decodeKey(text, path);
}
