import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SCHEMA_DIR } from '../schemas';

/**
 * The saved fixtures of one schema version: `schemas/touchpoint/<version>/fixtures/<name>.json`
 * (a touchpoint as that version's writer produced it) and, when present, `<name>.bin`
 * (its single-object encoding, saved once and never regenerated — the proof that
 * today's code still reads yesterday's bytes).
 */
export interface Fixture {
  name: string;
  value: Record<string, unknown>;
  encoded: Buffer | undefined;
}

export function readFixtures(version: string, schemaDir: string = DEFAULT_SCHEMA_DIR): Fixture[] {
  const dir = join(schemaDir, version, 'fixtures');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const name = file.slice(0, -'.json'.length);
      const bin = join(dir, `${name}.bin`);
      return {
        name,
        value: JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>,
        encoded: existsSync(bin) ? readFileSync(bin) : undefined,
      };
    });
}
