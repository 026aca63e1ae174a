import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';

export type DatabaseKind = 'sqlite' | 'postgres';

/**
 * A fresh database for one bench run, created and dropped by the bench so every run starts from the demo seed
 * on empty tables (and never touches a developer's `./data`). `sql()` reads it directly, without the server:
 * the lost/doubled check must not trust the code under test.
 */
export interface BenchDatabase {
  kind: DatabaseKind;
  url: string;
  /** Runs one statement with `?` placeholders and returns its rows. */
  sql<Row>(text: string, params?: readonly unknown[]): Promise<Row[]>;
  drop(): Promise<void>;
}

export async function createBenchDatabase(kind: DatabaseKind, pgAdminUrl: string): Promise<BenchDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'hiorder-bench-'));
    const file = join(dir, 'bench.db');
    let db: Database.Database | null = null;
    const open = () => (db ??= new Database(file));
    return {
      kind,
      url: `sqlite://${file}`,
      async sql<Row>(text: string, params: readonly unknown[] = []) {
        const statement = open().prepare(text);
        return (statement.reader ? statement.all(...params) : (statement.run(...params), [])) as Row[];
      },
      async drop() {
        db?.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `hiorder_bench_${randomBytes(5).toString('hex')}`;
  await adminQuery(pgAdminUrl, `create database ${name}`);
  const url = new URL(pgAdminUrl);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  return {
    kind,
    url: url.toString(),
    async sql<Row>(text: string, params: readonly unknown[] = []) {
      let n = 0;
      const result = await pool.query(
        text.replace(/\?/g, () => `$${++n}`),
        [...params],
      );
      return result.rows as Row[];
    },
    async drop() {
      await pool.end();
      await adminQuery(pgAdminUrl, `drop database if exists ${name} with (force)`);
    },
  };
}

async function adminQuery(adminUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
