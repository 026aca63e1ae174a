import type { Knex } from '@mikro-orm/knex';
import { dialectOf, sessionOn, sqlTransaction, withSql, type SqlSession } from './direct-sql';
import type { EntityManager } from './orm';

/** knex marks a connection that errored or ended (database restarted) `__knex__disposed`. */
function isDisposed(connection: unknown): boolean {
  return typeof connection === 'object' && connection !== null && '__knex__disposed' in connection && Boolean(connection.__knex__disposed);
}

/**
 * A connection of its own for a background loop that must not queue behind requests for the shared pool: the
 * relay's live lane, whose every pass would otherwise wait behind all the placements in the pool's queue before
 * a board gets its push (measured on PostgreSQL under load: push p50 ≈ 600 ms, three waits per pass).
 * PostgreSQL: one extra connection outside the pool, opened on first use and again after it broke. SQLite: the
 * pool's single connection (statements are synchronous there, so the wait is short). One user at a time.
 */
export class DedicatedSql {
  private connection: Promise<unknown> | null = null;

  constructor(private readonly em: EntityManager) {}

  /** Runs `work` in a transaction on the dedicated connection (see `sqlTransaction`). */
  async transaction<R>(work: (sql: SqlSession) => Promise<R>): Promise<R> {
    if (dialectOf(this.em) === 'sqlite') return sqlTransaction(this.em, work);
    const sql = sessionOn('postgresql', await this.open());
    try {
      await sql.run('begin');
      const result = await work(sql);
      await sql.run('commit');
      return result;
    } catch (err) {
      await sql.run('rollback').catch(() => this.drop());
      throw err;
    }
  }

  /** Runs `work` on the dedicated connection, outside a transaction. */
  async session<R>(work: (sql: SqlSession) => Promise<R>): Promise<R> {
    if (dialectOf(this.em) === 'sqlite') return withSql(this.em, work);
    return work(sessionOn('postgresql', await this.open()));
  }

  async close(): Promise<void> {
    await this.drop();
  }

  /** The pool's knex client (MikroORM 6's `em.getKnex()`), which opens and closes raw connections outside the pool. */
  private factory(): Knex.Client {
    return this.em.getKnex().client;
  }

  private async open(): Promise<unknown> {
    if (this.connection) {
      const current = await this.connection.catch(() => null);
      // A connection that errored or ended (database restarted): open a new one.
      if (current && !isDisposed(current)) return current;
      await this.drop();
    }
    const opening: Promise<unknown> = this.factory().acquireRawConnection();
    this.connection = opening;
    try {
      return await opening;
    } catch (err) {
      this.connection = null;
      throw err;
    }
  }

  private async drop(): Promise<void> {
    const current = this.connection;
    this.connection = null;
    const connection = await current?.catch(() => null);
    if (connection)
      await this.factory()
        .destroyRawConnection(connection)
        .catch(() => undefined);
  }
}
