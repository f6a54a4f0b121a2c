import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '@c360/config';
import { loadOrCreateMasterKey, parseMasterKey } from './index';

describe('parseMasterKey', () => {
  const key = randomBytes(32);

  it('given 32 bytes as hex, base64 or base64url, then it returns those bytes', () => {
    for (const text of [
      key.toString('hex'),
      key.toString('hex').toUpperCase(),
      key.toString('base64'),
      key.toString('base64').replace(/=$/, ''),
      key.toString('base64url'),
      ` ${key.toString('base64')}\n`,
    ]) {
      expect(parseMasterKey(text).equals(key), text).toBe(true);
    }
  });

  it('given anything else, then a ValidationError names C360_MASTER_KEY without echoing the value', () => {
    const secretLooking = randomBytes(31).toString('base64');
    for (const text of ['', 'password', secretLooking, randomBytes(33).toString('hex'), key.toString('hex') + 'ab']) {
      let error: unknown;
      try {
        parseMasterKey(text);
      } catch (e) {
        error = e;
      }
      expect(error, text).toMatchObject({ name: 'ValidationError', code: 'invalid_configuration' });
      expect((error as Error).message).toContain('C360_MASTER_KEY');
      if (text) expect((error as Error).message).not.toContain(text);
    }
  });

  it('given the configuration schema, then it accepts and refuses the same texts as parseMasterKey', () => {
    const accepted = [key.toString('hex'), key.toString('base64'), key.toString('base64url')];
    const refused = ['password', randomBytes(31).toString('base64'), randomBytes(16).toString('hex')];
    for (const text of accepted) {
      expect(loadConfig({ C360_MASTER_KEY: text }).C360_MASTER_KEY).toBe(text);
      expect(() => parseMasterKey(text)).not.toThrow();
    }
    for (const text of refused) {
      expect(() => loadConfig({ C360_MASTER_KEY: text })).toThrow(/C360_MASTER_KEY/);
      expect(() => parseMasterKey(text)).toThrow(/C360_MASTER_KEY/);
    }
    expect(loadConfig({}).C360_MASTER_KEY).toBeUndefined();
  });
});

describe('loadOrCreateMasterKey', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'c360-keyring-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('given no configured key and no file, then a 0600 file is created once and read back the same', async () => {
    const dataDir = join(dir, 'data');
    const created = await loadOrCreateMasterKey({ dataDir });
    expect(created).toHaveLength(32);
    const file = join(dataDir, 'master.key');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const text = await readFile(file, 'utf8');
    expect((await loadOrCreateMasterKey({ dataDir })).equals(created)).toBe(true);
    expect(await readFile(file, 'utf8')).toBe(text);
    expect(parseMasterKey(text).equals(created)).toBe(true);
  });

  it('given several starts at once on an empty data directory, then all get the one key written', async () => {
    const keys = await Promise.all(Array.from({ length: 8 }, () => loadOrCreateMasterKey({ dataDir: dir })));
    for (const key of keys) expect(key.equals(keys[0]!)).toBe(true);
    expect(parseMasterKey(await readFile(join(dir, 'master.key'), 'utf8')).equals(keys[0]!)).toBe(true);
  });

  it('given a configured key, then it wins and no file is written', async () => {
    const configured = randomBytes(32);
    expect(
      (await loadOrCreateMasterKey({ configured: configured.toString('hex'), dataDir: dir })).equals(configured),
    ).toBe(true);
    await expect(stat(join(dir, 'master.key'))).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(loadOrCreateMasterKey({ configured: 'nope', dataDir: dir })).rejects.toMatchObject({
      code: 'invalid_configuration',
    });
  });

  it('given a corrupt key file, then the error names the file', async () => {
    await writeFile(join(dir, 'master.key'), 'not a key\n', { mode: 0o600 });
    await expect(loadOrCreateMasterKey({ dataDir: dir })).rejects.toThrow(/master\.key/);
  });
});
