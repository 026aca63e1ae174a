import { dialectOf, sessionOn, sqlTransaction, withSql, type SqlSession } from './direct-sql';
import type { EntityManager } from './orm';

interface RawConnectionFactory {
  acquireRawConnection(): Promise<unknown>;
  destroyRawConnection(connection: unknown): Promise<unknown>;
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

  private factory(): RawConnectionFactory {
    return (this.em.getConnection() as unknown as { getKnex(): { client: RawConnectionFactory } }).getKnex().client;
  }

  private async open(): Promise<unknown> {
    if (this.connection) {
      const current = await this.connection.catch(() => null);
      // knex marks a connection that errored or ended (database restarted): open a new one.
      if (current && !(current as { __knex__disposed?: unknown }).__knex__disposed) return current;
      await this.drop();
    }
    const opening = this.factory().acquireRawConnection();
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
