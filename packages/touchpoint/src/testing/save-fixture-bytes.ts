import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTouchpointCodec } from '../codec';
import { DEFAULT_SCHEMA_DIR } from '../schemas';
import { readFixtures } from './fixtures';

/**
 * Saves `<name>.bin` (single-object encoding) next to each `<name>.json` fixture of a
 * schema version that has none yet. Never overwrites: saved bytes are the record of
 * what that version wrote, and the tests decode them forever.
 *
 *   npx tsx packages/touchpoint/src/testing/save-fixture-bytes.ts v3
 */
const version = process.argv[2];
if (version === undefined) {
  console.error('usage: save-fixture-bytes.ts <version>');
  process.exit(2);
}
const codec = createTouchpointCodec<Record<string, unknown>>({ version });
for (const fixture of readFixtures(version)) {
  const file = join(DEFAULT_SCHEMA_DIR, version, 'fixtures', `${fixture.name}.bin`);
  if (existsSync(file)) continue;
  writeFileSync(file, codec.encode(fixture.value));
  console.log(`saved ${file}`);
}
