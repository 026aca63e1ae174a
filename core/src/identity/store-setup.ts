import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SessionDto } from '@hiorder/domain/identity/identity.schemas';
import { STORE_SETTINGS_DEFAULTS, type StoreSetup } from '@hiorder/domain/identity/store.schemas';
import { DomainError } from '@hiorder/domain/shared/errors';
import { newId } from '@hiorder/domain/shared/ids';
import type { EntityManager } from '../db/orm';
import { dialectOf } from '../db/direct-sql';
import { DiningTable } from './dining-table.entity';
import { openSession } from './login';
import { hashPassword } from './passwords';
import { Staff } from './staff.entity';
import { Store } from './store.entity';
import type { AccessTokens } from './tokens';
import type { AnonymousCommandContext } from '../command-context';

/**
 * The setup token of a deployment: derived from its token secret, so every instance sharing the secret prints and
 * accepts the same one, and nothing needs storing. It only opens `POST /api/setup`, which refuses once a store exists.
 */
export function setupTokenFor(secret: string): string {
  return createHmac('sha256', secret).update('hiorder:first-store-setup').digest('base64url');
}

/** True while the deployment has no store yet (a first start without the demo): the setup page is the way in. */
export async function isSetupNeeded(em: EntityManager): Promise<boolean> {
  return (await em.count(Store, {})) === 0;
}

/** A slug from the store's name: ASCII letters and digits, or `store` for a name without any (a Korean name). */
function slugOf(name: string): string {
  const ascii = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return ascii || 'store';
}

/**
 * The first start without the demo: creates the store with its settings, the owner's admin account and the tables
 * "1" … "n", and opens the owner's session (the setup page signs them in). No demo data. Under a table lock on
 * PostgreSQL (SQLite runs one writer at a time), so two setups at once make one store. Throws
 * `SETUP_TOKEN_INVALID` (wrong setup token), `SETUP_DONE` (a store exists already: log in instead), `CONFLICT` (the username is taken).
 */
export async function setUpStore(
  ctx: AnonymousCommandContext & { tokens: AccessTokens; setupToken: string },
  input: StoreSetup,
): Promise<SessionDto> {
  const given = Buffer.from(input.token);
  const expected = Buffer.from(ctx.setupToken);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new DomainError('SETUP_TOKEN_INVALID', 'This setup link is not valid: open the one the server printed when it started.');
  const passwordHash = await hashPassword(input.admin.password);
  return ctx.em.transactional(async (em) => {
    if (dialectOf(em) === 'postgresql')
      await em.getConnection().execute('lock table store in share row exclusive mode', [], 'run', em.getTransactionContext());
    if ((await em.count(Store, {})) > 0) throw new DomainError('SETUP_DONE', 'This server has a store already: log in instead.');
    if ((await em.count(Staff, { username: input.admin.username })) > 0)
      throw new DomainError('CONFLICT', `The username "${input.admin.username}" is taken.`);
    const { name, timeZone, ...settings } = input.store;
    const store = em.create(Store, {
      id: newId(),
      slug: slugOf(name),
      name,
      timeZone,
      catalogVersion: 1,
      lastEventSeq: 0,
      visitIdleCloseMinutes: null,
      settings: { ...STORE_SETTINGS_DEFAULTS, ...settings },
      createdAt: ctx.now,
    });
    const admin = em.create(Staff, {
      id: newId(),
      store,
      username: input.admin.username,
      displayName: input.admin.displayName,
      passwordHash,
      role: 'admin',
      disabled: false,
      sessionVersion: 0,
      createdAt: ctx.now,
    });
    for (let i = 1; i <= input.tables; i++) {
      em.create(DiningTable, { id: newId(), store, label: `${i}`, position: i, lockVersion: 0, createdAt: ctx.now });
    }
    await em.flush();
    return openSession({ em, tokens: ctx.tokens, now: ctx.now }, admin);
  });
}
