import { sqlTransaction, forkEm, openDatabase } from '@hiorder/core/db';
import { onEventsCommitted, OutboxEvent, appendEvent, recordEvent } from '@hiorder/core/outbox';
import { createTestDatabase, type TestDatabase } from '@hiorder/core/testing';
import { newId } from '@hiorder/domain/shared/ids';
import type { MikroORM } from '@mikro-orm/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

/**
 * The after-commit hook that kicks the relay (core/src/outbox/events-committed.ts). The relay also polls, so a
 * broken hook would only make pushes late: these tests watch the hook itself.
 */
describe('onEventsCommitted', () => {
  let db: TestDatabase;
  let orm: MikroORM;
  let calls = 0;
  let stop: () => void;
  const event = () => ({
    type: 'catalog.changed' as const,
    storeId: newId(),
    aggregateId: newId(),
    payload: { version: 1, menuIds: [] },
    now: new Date(),
  });

  beforeAll(async () => {
    db = await createTestDatabase();
    orm = await openDatabase({ databaseUrl: db.url });
    stop = onEventsCommitted(orm, () => (calls += 1));
  });
  afterAll(async () => {
    stop();
    await orm.close();
    await db.drop();
  });
  beforeEach(() => {
    calls = 0;
  });

  it('tells the listener once a SQL transaction that appended events has committed', async () => {
    await sqlTransaction(forkEm(orm), async (sql) => {
      await appendEvent(sql, event());
      await appendEvent(sql, event());
      expect(calls).toBe(0);
    });
    expect(calls).toBe(1);
  });

  it('stays silent for a transaction without events and for one rolled back', async () => {
    await sqlTransaction(forkEm(orm), (sql) => sql.all('select 1 as one'));
    await expect(
      sqlTransaction(forkEm(orm), async (sql) => {
        await appendEvent(sql, event());
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(calls).toBe(0);
  });

  it('tells the listener after an ORM unit of work commits its events', async () => {
    const em = forkEm(orm);
    const recorded = event();
    recordEvent(em, recorded);
    expect(calls).toBe(0);
    await em.flush();
    expect(calls).toBe(1);
    expect(await forkEm(orm).count(OutboxEvent, { aggregateId: recorded.aggregateId })).toBe(1);
  });

  it('tells the listener after an ORM transaction commits, not at its flushes inside', async () => {
    await forkEm(orm).transactional(async (em) => {
      recordEvent(em as ReturnType<typeof forkEm>, event());
      await em.flush();
      expect(calls).toBe(0);
    });
    expect(calls).toBe(1);
  });

  it('stops telling a listener that stopped listening', async () => {
    let other = 0;
    const stopOther = onEventsCommitted(orm, () => (other += 1));
    stopOther();
    await sqlTransaction(forkEm(orm), (sql) => appendEvent(sql, event()));
    expect(other).toBe(0);
    expect(calls).toBe(1);
  });
});
