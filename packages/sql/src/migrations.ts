import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ValidationError } from '@c360/errors';
import type { Sql } from './port';

export interface Migration {
  /** Positive, increasing; never reused or renumbered once released. */
  version: number;
  name: string;
  sql: string;
}

/**
 * Reads `NNN_name.sql` files from a directory, ordered by version. A file name
 * that does not match, or two files with one version, is a programming error.
 */
export async function loadMigrations(directory: string): Promise<Migration[]> {
  const files = (await readdir(directory)).filter((f) => f.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const match = /^(\d+)_([a-z0-9_]+)\.sql$/.exec(file);
    if (!match) throw ValidationError.forPath(join(directory, file), 'migration file name must be NNN_name.sql');
    const version = Number(match[1]);
    if (migrations.some((m) => m.version === version)) {
      throw ValidationError.forPath(join(directory, file), `migration version ${version} is used twice`);
    }
    migrations.push({ version, name: match[2] ?? file, sql: await readFile(join(directory, file), 'utf8') });
  }
  return migrations;
}

const checksum = (m: Migration): string => createHash('sha256').update(m.sql).digest('hex');

/**
 * Applies the pending migrations of one component, in one transaction, under an
 * advisory lock scoped to the current schema: safe to run twice and from several
 * processes at once (the second waits, then finds nothing to do). A changed
 * checksum of an applied migration is refused: released migrations are immutable.
 * Returns the versions applied by this call.
 */
export async function migrate(
  sql: Sql,
  options: { component: string; migrations: readonly Migration[] },
): Promise<number[]> {
  const { component, migrations } = options;
  return sql.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':c360_migrations'))`);
    await tx.exec(`CREATE TABLE IF NOT EXISTS c360_migrations (
      component text NOT NULL,
      version integer NOT NULL,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (component, version)
    )`);
    const { rows } = await tx.query<{ version: number; checksum: string }>(
      'SELECT version, checksum FROM c360_migrations WHERE component = $1',
      [component],
    );
    const applied = new Map(rows.map((r) => [r.version, r.checksum]));
    const done: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      const known = applied.get(migration.version);
      if (known !== undefined) {
        if (known !== checksum(migration)) {
          throw new ValidationError(
            `migration ${component}/${migration.version}_${migration.name} changed after it was applied`,
            { code: 'migration_changed' },
          );
        }
        continue;
      }
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO c360_migrations (component, version, name, checksum) VALUES ($1, $2, $3, $4)', [
        component,
        migration.version,
        migration.name,
        checksum(migration),
      ]);
      done.push(migration.version);
    }
    return done;
  });
}
