import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { forkEm, openDatabase } from '@hiorder/core/db';
import { AccessTokens } from '@hiorder/core/identity';
import { createTestDatabase, type TestDatabase } from '@hiorder/core/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ChildService } from '../testing/server-process';
import { waitFor } from '../testing/wait';
import { buildStore, idemKey, pairTablet } from '../testing/test-app';

/**
 * I5: an acknowledged order survives a crash right after the ack. The server runs as a real child process on a
 * real database (its store built by this test, not the demo seed); it is killed with SIGKILL the moment the 5th
 * ack arrives, then started again. Every wait is bounded and fails with what it was waiting for.
 */
const ACKS_BEFORE_KILL = 5;
const PLACEMENTS = 20;

async function json(url: string, init: { method?: string; token?: string; body?: unknown } = {}): Promise<any> {
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  return res.json();
}

describe('an acknowledged order survives kill -9 right after the ack (I5)', () => {
  let db: TestDatabase;
  let service: ChildService | null = null;
  afterAll(async () => {
    await service?.stop('SIGKILL');
    await db?.drop();
  });

  it('finds every acked order, and its order.placed event, after the restart', { timeout: 180_000 }, async () => {
    db = await createTestDatabase();
    const jwtSecret = randomBytes(32).toString('hex');
    const orm = await openDatabase({ databaseUrl: db.url });
    const host = { url: 'http://unused', em: () => forkEm(orm), tokens: new AccessTokens(jwtSecret) };
    const store = await buildStore(host, { cola: { price: 2000, course: 'other' } });
    const tablet = await pairTablet(host, store, store.tableIds[0] as string);
    await orm.close();
    const menuId = (store.menus.cola as { id: string }).id;

    const env = {
      DATABASE_URL: db.url,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'hiorder-crash-')),
      SANDBOX_PORT: '0',
      SEED_DEMO: 'false',
      JWT_SECRET: jwtSecret,
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      // As in createTestApp: on a shared 2-core machine the event-loop guard would answer BUSY at random.
      ADMISSION_MAX_EVENT_LOOP_DELAY_MS: '60000',
    };
    let server = await startServerProcess(env);
    service = server.service;

    const acked: string[] = [];
    const statuses: string[] = [];
    const killedAtAck = new Promise<void>((done, fail) => {
      const answered = () => {
        if (statuses.length === PLACEMENTS && acked.length < ACKS_BEFORE_KILL) {
          fail(new Error(`only ${acked.length} of ${PLACEMENTS} placements were acknowledged (answers: ${statuses.join(', ')})`));
        }
      };
      for (let i = 0; i < PLACEMENTS; i++) {
        void fetch(`${server.url}/api/orders`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${tablet}` },
          body: JSON.stringify({ idempotencyKey: idemKey(), lines: [{ menuId, qty: 1 }] }),
        })
          .then(async (res) => {
            statuses.push(String(res.status));
            if (res.status !== 201 || acked.length >= ACKS_BEFORE_KILL) return answered();
            acked.push(((await res.json()) as { id: string }).id);
            if (acked.length === ACKS_BEFORE_KILL) {
              server.service.child.kill('SIGKILL');
              done();
            } else answered();
          })
          .catch((err: unknown) => {
            statuses.push(`no answer (${String(err)})`);
            answered();
          });
      }
    });
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(
              `only ${acked.length} of ${PLACEMENTS} placements were acknowledged within 90 s (answers: ${statuses.join(', ') || 'none'})`,
            ),
          ),
        90_000,
      );
    });
    try {
      await Promise.race([killedAtAck, gaveUp]);
    } finally {
      clearTimeout(timer);
    }
    await server.service.exited;

    server = await startServerProcess(env);
    service = server.service;
    const after = (await json(`${server.url}/api/orders`, { token: tablet })) as { id: string }[];
    const ids = new Set(after.map((o) => o.id));
    expect(
      acked.filter((id) => !ids.has(id)),
      'acked orders missing after the restart',
    ).toEqual([]);
    // Every acked placement left its event in the outbox too, so the board will see it. The dead process's
    // relay lease runs out first (a few seconds) before the new one publishes.
    await waitFor(
      'every acked order to be published as order.placed after the restart',
      async () => {
        const page = (await json(`${server.url}/api/events?since=0`, { token: store.staffToken })) as {
          events: { type: string; aggregateId: string }[];
        };
        const placed = new Set(page.events.filter((e) => e.type === 'order.placed').map((e) => e.aggregateId));
        return acked.every((id) => placed.has(id)) ? true : undefined;
      },
      90_000,
      server.service,
    );
  });
});
