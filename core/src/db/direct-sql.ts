import type { MikroORM } from '@mikro-orm/core';
import type { Knex } from '@mikro-orm/knex';
import type { EntityManager } from './orm';
import { sessionCommitted } from '../outbox/events-committed';
import { timed, timedAsync } from './sql-timings';

/**
 * SQL on the driver itself, for the hot paths (placement, payment, relay, authentication) and the repositories'
 * named queries. MikroORM's `execute` goes through knex, which formats every parameter into the SQL text, so
 * each call is a new statement to parse and plan (≈150 µs of CPU per statement, measured). Here a statement is
 * prepared once per connection and reused with bound parameters: better-sqlite3 statements are cached per
 * database handle, PostgreSQL statements are named, so the server prepares them once per connection.
 *
 * Connections still come from MikroORM's pool (or its open transaction), so these statements never interleave
 * with the ORM's own transactions on the single SQLite connection. They are reached through MikroORM 6's supported
 * API (`em.getKnex()`, `em.getTransactionContext()`) and knex's typed `Knex.Client` (`acquireConnection`,
 * `releaseConnection`, `pool`): an ORM upgrade that drops knex (MikroORM 7) fails the type check here instead of
 * breaking at run time. The connection knex hands out is checked for the calls each dialect makes.
 */
export interface SqlSession {
  readonly dialect: 'sqlite' | 'postgresql';
  /** Rows of a query (also of `insert/update … returning`). */
  all<T>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** Rows changed by a statement. */
  run(text: string, params?: readonly unknown[]): Promise<number>;
}

interface SqliteStatement {
  reader: boolean;
  all(...params: unknown[]): unknown[];
  run(...params: unknown[]): { changes: number };
}
/** The parts of a better-sqlite3 `Database` used here. */
interface SqliteHandle {
  readonly open: boolean;
  prepare(text: string): SqliteStatement;
}
/** The part of a node-postgres client used here. */
interface PgClient {
  query(config: { name?: string; text: string; values: unknown[] }): Promise<{ rows: unknown[]; rowCount: number | null }>;
}

function isSqliteHandle(connection: unknown): connection is SqliteHandle {
  return typeof connection === 'object' && connection !== null && 'prepare' in connection && typeof connection.prepare === 'function';
}

function isPgClient(connection: unknown): connection is PgClient {
  return typeof connection === 'object' && connection !== null && 'query' in connection && typeof connection.query === 'function';
}

/** Statements kept per connection; past this, rarer texts run unprepared rather than growing without bound. */
const MAX_CACHED_STATEMENTS = 400;

const sqliteStatements = new WeakMap<SqliteHandle, Map<string, SqliteStatement>>();

function sqliteStatement(db: SqliteHandle, text: string): SqliteStatement {
  let cache = sqliteStatements.get(db);
  if (!cache) sqliteStatements.set(db, (cache = new Map()));
  let stmt = cache.get(text);
  if (!stmt) {
    stmt = db.prepare(text);
    if (cache.size < MAX_CACHED_STATEMENTS) cache.set(text, stmt);
  }
  return stmt;
}

/** better-sqlite3 binds numbers, strings, bigints, buffers and null; times are epoch ms (as MikroORM stores them). */
function sqliteParam(value: unknown): unknown {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === undefined) return null;
  return value;
}

function sqliteSession(db: SqliteHandle): SqlSession {
  return {
    dialect: 'sqlite',
    async all<T>(text: string, params: readonly unknown[] = []) {
      const stmt = sqliteStatement(db, text);
      const bound = params.map(sqliteParam);
      return timed(text, () => {
        if (stmt.reader) return stmt.all(...bound) as T[];
        stmt.run(...bound);
        return [];
      });
    },
    async run(text: string, params: readonly unknown[] = []) {
      const stmt = sqliteStatement(db, text);
      const bound = params.map(sqliteParam);
      return timed(text, () => (stmt.reader ? stmt.all(...bound).length : stmt.run(...bound).changes));
    },
  };
}

/** `?` placeholders to `$n` and a statement name, once per text. */
const pgStatements = new Map<string, { name: string | undefined; text: string }>();

function pgStatement(text: string): { name: string | undefined; text: string } {
  let stmt = pgStatements.get(text);
  if (!stmt) {
    let n = 0;
    const converted = text.replace(/\?/g, () => `$${++n}`);
    stmt = { name: pgStatements.size < MAX_CACHED_STATEMENTS ? `h${pgStatements.size}` : undefined, text: converted };
    pgStatements.set(text, stmt);
  }
  return stmt;
}

function pgSession(client: PgClient): SqlSession {
  const query = (text: string, params: readonly unknown[]) => {
    const stmt = pgStatement(text);
    const values = params.map((v) => (v === undefined ? null : v));
    return timedAsync(text, () => client.query(stmt.name ? { name: stmt.name, text: stmt.text, values } : { text: stmt.text, values }));
  };
  return {
    dialect: 'postgresql',
    async all<T>(text: string, params: readonly unknown[] = []) {
      return (await query(text, params)).rows as T[];
    },
    async run(text: string, params: readonly unknown[] = []) {
      return (await query(text, params)).rowCount ?? 0;
    },
  };
}

const dialects = new WeakMap<object, 'sqlite' | 'postgresql'>();

export function dialectOf(em: EntityManager): 'sqlite' | 'postgresql' {
  const platform = em.getPlatform();
  let dialect = dialects.get(platform);
  if (!dialect) dialects.set(platform, (dialect = platform.constructor.name.toLowerCase().includes('sqlite') ? 'sqlite' : 'postgresql'));
  return dialect;
}

/** A session on a connection knex handed out (typed `any` by knex): refused unless it is the dialect's client. */
export function sessionOn(dialect: 'sqlite' | 'postgresql', connection: unknown): SqlSession {
  if (dialect === 'sqlite' && isSqliteHandle(connection)) return sqliteSession(connection);
  if (dialect === 'postgresql' && isPgClient(connection)) return pgSession(connection);
  throw new Error(`direct-sql: the pool handed out a connection that is no ${dialect} client`);
}

/** knex's client under `em`: its open transaction's (whose connection is the transaction's) or the pool's. */
function knexClient(em: EntityManager): Knex.Client {
  const knex: Knex = em.getTransactionContext<Knex.Transaction>() ?? em.getKnex();
  return knex.client;
}

/**
 * The single connection of each SQLite pool, as it was last handed out (`idleSqliteConnection` reuses it while the
 * pool holds it free). A connection knex replaced is closed, so a stale one is never used.
 */
const sqliteConnections = new WeakMap<Knex.Client, SqliteHandle>();

/** One connection from `em`'s pool (or its transaction's), with a session on it. */
async function acquire(em: EntityManager): Promise<{ client: Knex.Client; connection: unknown; sql: SqlSession }> {
  const client = knexClient(em);
  const connection: unknown = await client.acquireConnection();
  const dialect = dialectOf(em);
  if (dialect === 'sqlite' && !em.getTransactionContext() && isSqliteHandle(connection)) sqliteConnections.set(client, connection);
  return { client, connection, sql: sessionOn(dialect, connection) };
}

/**
 * Runs `work` on the connection of `em`: its open transaction if it has one (the statements join it), or else
 * one connection from the pool, held for the whole of `work`.
 */
export async function withSql<R>(em: EntityManager, work: (sql: SqlSession) => Promise<R>): Promise<R> {
  const { client, connection, sql } = await acquire(em);
  try {
    return await work(sql);
  } finally {
    await client.releaseConnection(connection);
  }
}

/**
 * SQLite's single connection when nobody holds it (no transaction open, nobody waiting): a statement run on it
 * synchronously, right now, cannot interleave with anything, so it can skip the pool's acquire and release.
 */
function idleSqliteConnection(em: EntityManager): SqliteHandle | null {
  if (em.getTransactionContext()) return null;
  const client = knexClient(em);
  const pool = client.pool;
  if (!pool || pool.numUsed() > 0 || pool.numPendingAcquires() > 0) return null;
  const connection = sqliteConnections.get(client);
  return connection?.open ? connection : null;
}

/** One statement on `em`'s connection (see `withSql`). */
export function sqlOf(em: EntityManager): SqlSession {
  const dialect = dialectOf(em);
  const idle = () => (dialect === 'sqlite' ? idleSqliteConnection(em) : null);
  return {
    dialect,
    all: <T>(text: string, params?: readonly unknown[]) => {
      const db = idle();
      return db ? sqliteSession(db).all<T>(text, params) : withSql(em, (sql) => sql.all<T>(text, params));
    },
    run: (text, params) => {
      const db = idle();
      return db ? sqliteSession(db).run(text, params) : withSql(em, (sql) => sql.run(text, params));
    },
  };
}

/**
 * Runs `work` in a transaction of its own on one pooled connection, committed when `work` resolves and rolled
 * back when it throws. SQLite takes the write lock up front (`begin immediate`): a second process writing the
 * same file then waits at the start (busy_timeout) instead of failing at its first write.
 */
export async function sqlTransaction<R>(em: EntityManager, work: (sql: SqlSession) => Promise<R>): Promise<R> {
  // Inside an ORM transaction this would wait for the very connection that transaction holds (SQLite has one).
  if (em.getTransactionContext()) throw new Error('sqlTransaction cannot run inside another transaction');
  const { client, connection, sql } = await acquire(em);
  try {
    await sql.run(sql.dialect === 'sqlite' ? 'begin immediate' : 'begin');
    const result = await work(sql);
    await sql.run('commit');
    sessionCommitted(em, sql);
    return result;
  } catch (err) {
    await sql.run('rollback').catch(() => undefined);
    throw err;
  } finally {
    await client.releaseConnection(connection);
  }
}

/** A unique index refused a row (the idempotency key's, typically), on either driver. */
export function isUniqueViolation(err: unknown): boolean {
  const code = typeof err === 'object' && err !== null && 'code' in err ? err.code : undefined;
  return (
    code === '23505' ||
    (typeof code === 'string' && (code.startsWith('SQLITE_CONSTRAINT_UNIQUE') || code === 'SQLITE_CONSTRAINT_PRIMARYKEY'))
  );
}

/**
 * Statements outside any unit of work, on the ORM's pool (authentication, reads of the hot paths): no entity
 * manager is forked for them.
 */
export function rootSql(orm: MikroORM): SqlSession {
  return sqlOf(orm.em as EntityManager);
}
