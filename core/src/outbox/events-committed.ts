import type { EventSubscriber, MikroORM } from '@mikro-orm/core';
import type { SqlSession } from '../db/direct-sql';
import type { EntityManager } from '../db/orm';

/**
 * The after-commit hook of the outbox: a transaction that appended events says so once it has committed, and the
 * relay (the listener) publishes them at once instead of at its next poll. Outline queues its events after the
 * transaction the same way; before this, every transport had to remember to call `relay.kick()` after each command.
 * Listeners are kept per database (the ORM's driver, shared by every forked entity manager), so several servers in
 * one process (tests) never kick each other's relays.
 */
type Listener = () => void;
const listeners = new WeakMap<object, Set<Listener>>();
const sessionsWithEvents = new WeakSet<SqlSession>();

/** `appendEvent` marks its session: its transaction will tell the listeners when it commits. */
export function markEventAppended(sql: SqlSession): void {
  sessionsWithEvents.add(sql);
}

/** Called by `sqlTransaction` right after its commit. */
export function sessionCommitted(em: EntityManager, sql: SqlSession): void {
  if (sessionsWithEvents.has(sql)) notify(em.getDriver());
}

function notify(driver: object): void {
  for (const listener of listeners.get(driver) ?? []) listener();
}

/**
 * Calls `listener` after every commit that appended outbox events: SQL-session transactions (`appendEvent`) and
 * the ORM's own transactions (`recordEvent` through a unit of work; every ORM commit counts, they are the admin
 * side's rare edits). Returns the function that stops listening.
 */
export function onEventsCommitted(orm: MikroORM, listener: Listener): () => void {
  const driver = orm.em.getDriver();
  let set = listeners.get(driver);
  if (!set) {
    listeners.set(driver, (set = new Set()));
    // A plain flush commits its own implicit transaction and reports only afterFlush; a flush inside
    // em.transactional() commits later, reported by afterTransactionCommit.
    const subscriber: EventSubscriber = {
      afterFlush: (args) => {
        if (!args.em.isInTransaction()) notify(driver);
      },
      afterTransactionCommit: () => notify(driver),
    };
    orm.em.getEventManager().registerSubscriber(subscriber);
  }
  set.add(listener);
  return () => set.delete(listener);
}
