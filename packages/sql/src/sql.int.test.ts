import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  describePostgres,
  postgresUrl,
  pgliteTestDatabase,
  postgresTestDatabase,
  type TestDatabase,
} from '@c360/testing';
import { createPgliteSql, createPgSql, migrate, SqlError, type Migration } from './index';

const migrations: Migration[] = [
  { version: 1, name: 'accounts', sql: 'CREATE TABLE accounts (id int PRIMARY KEY, name text NOT NULL);' },
  {
    version: 2,
    name: 'accounts_email',
    sql: `ALTER TABLE accounts ADD COLUMN email text;
          CREATE FUNCTION shout(t text) RETURNS text LANGUAGE sql AS $$ SELECT upper(t) || '!' $$;`,
  },
];

function sqlPortSuite(name: string, open: () => Promise<TestDatabase>): void {
  describe(`SQL port: ${name}`, () => {
    it('given int8, timestamptz and jsonb columns, then they come back as bigint, Date and objects', async () => {
      const db = await open();
      try {
        const { rows } = await db.sql.query<{ big: bigint; small: bigint; at: Date; doc: unknown }>(
          `SELECT 9007199254740993::int8 AS big, 3::int8 AS small, now() AS at, '{"name":"Zoë 李"}'::jsonb AS doc`,
        );
        expect(rows[0]).toEqual({ big: 9007199254740993n, small: 3n, at: expect.any(Date), doc: { name: 'Zoë 李' } });
      } finally {
        await db.dispose();
      }
    });

    it('given a bytea parameter, then it round-trips byte for byte as a Buffer', async () => {
      const db = await open();
      try {
        const bytes = Buffer.from([0, 1, 0x7f, 0x80, 0xfe, 0xff, 0x5c, 0x22]);
        const { rows } = await db.sql.query<{ b: Buffer; n: number }>('SELECT $1::bytea AS b, length($1::bytea) AS n', [
          bytes,
        ]);
        expect(Buffer.isBuffer(rows[0]?.b)).toBe(true);
        expect(rows[0]).toEqual({ b: bytes, n: bytes.length });
      } finally {
        await db.dispose();
      }
    });

    it('given a transaction whose work throws, then nothing of it is kept and the error is re-thrown', async () => {
      const db = await open();
      try {
        await migrate(db.sql, { component: 'test', migrations });
        const failure = new Error('work failed');
        await expect(
          db.sql.transaction(async (tx) => {
            await tx.query('INSERT INTO accounts (id, name) VALUES (1, $1)', ['Ada']);
            throw failure;
          }),
        ).rejects.toBe(failure);
        expect((await db.sql.query('SELECT * FROM accounts')).rows).toEqual([]);
        await db.sql.transaction((tx) => tx.query('INSERT INTO accounts (id, name) VALUES (1, $1)', ['Ada']));
        expect((await db.sql.query('SELECT name FROM accounts')).rows).toEqual([{ name: 'Ada' }]);
      } finally {
        await db.dispose();
      }
    });

    it('given a unique violation, then a SqlError carries SQLSTATE 23505 and is not retriable', async () => {
      const db = await open();
      try {
        await migrate(db.sql, { component: 'test', migrations });
        await db.sql.query(`INSERT INTO accounts (id, name) VALUES (1, 'a')`);
        const error = await db.sql.query(`INSERT INTO accounts (id, name) VALUES (1, 'b')`).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(SqlError);
        expect(error).toMatchObject({ sqlState: '23505', retriable: false, code: 'sql_failure' });
      } finally {
        await db.dispose();
      }
    });

    it('given migrations, when applied twice, then the second run applies nothing and the schema is complete', async () => {
      const db = await open();
      try {
        expect(await migrate(db.sql, { component: 'test', migrations })).toEqual([1, 2]);
        expect(await migrate(db.sql, { component: 'test', migrations })).toEqual([]);
        expect((await db.sql.query<{ s: string }>(`SELECT shout('hi') AS s`)).rows[0]?.s).toBe('HI!');
      } finally {
        await db.dispose();
      }
    });

    it('given an applied migration whose text changed, then migrating again is refused', async () => {
      const db = await open();
      try {
        await migrate(db.sql, { component: 'test', migrations });
        const edited = [{ ...migrations[0]!, sql: migrations[0]!.sql + ' -- edited' }];
        await expect(migrate(db.sql, { component: 'test', migrations: edited })).rejects.toMatchObject({
          code: 'migration_changed',
        });
      } finally {
        await db.dispose();
      }
    });
  });
}

sqlPortSuite('PGlite', pgliteTestDatabase);

await describePostgres('SQL port on a PostgreSQL server', () => {
  sqlPortSuite('PostgreSQL', postgresTestDatabase);

  it('given two processes migrating one schema at once, then each migration is applied exactly once', async () => {
    const db = await postgresTestDatabase();
    try {
      // Separate pools are separate sessions, as two processes would be.
      const schema = (await db.sql.query<{ s: string }>('SELECT current_schema() AS s')).rows[0]!.s;
      const others = await Promise.all(
        [1, 2, 3].map(() => createPgSql({ connectionString: postgresUrl(), schema, max: 1 })),
      );
      const applied = await Promise.all(others.map((sql) => migrate(sql, { component: 'test', migrations })));
      await Promise.all(others.map((sql) => sql.close()));
      expect(applied.flat().sort()).toEqual([1, 2]);
      const { rows } = await db.sql.query<{ n: bigint }>('SELECT count(*) AS n FROM c360_migrations');
      expect(rows[0]?.n).toBe(2n);
    } finally {
      await db.dispose();
    }
  });
});

describe('SQL port: PGlite on disk', () => {
  it('given data written to a data directory, when reopened, then the data is still there', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'c360-pglite-'));
    try {
      const first = await createPgliteSql({ dataDir: dir });
      await migrate(first, { component: 'test', migrations });
      await first.query(`INSERT INTO accounts (id, name) VALUES (7, 'Zoë')`);
      await first.close();
      const second = await createPgliteSql({ dataDir: dir });
      expect((await second.query('SELECT id, name FROM accounts')).rows).toEqual([{ id: 7, name: 'Zoë' }]);
      expect(await migrate(second, { component: 'test', migrations })).toEqual([]);
      await second.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
