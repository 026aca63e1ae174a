import { randomBytes } from 'node:crypto';
import { PasswordSchema, UsernameSchema } from '@hiorder/domain/identity/identity.schemas';
import { DomainError } from '@hiorder/domain/shared/errors';
import { newId } from '@hiorder/domain/shared/ids';
import { recordEvent } from '../outbox/record-event';
import { hashPassword } from './passwords';
import { RefreshToken } from './refresh-token.entity';
import { Staff } from './staff.entity';
import { Store } from './store.entity';
import type { AnonymousCommandContext } from '../command-context';

/** What an operator asks for from the command line (`pnpm admin:reset-password`). */
export interface AdminResetInput {
  username: string;
  /** A new password; when absent one is generated (and shown once by the caller). */
  password?: string;
  /** The store (slug) of an account to create; may be left out when the deployment has exactly one store. */
  storeSlug?: string;
}

export interface AdminResetResult {
  username: string;
  password: string;
  storeSlug: string;
  created: boolean;
}

/**
 * The operator's way back in (the start banner shows the first password once): sets a new password on an
 * account, enabling it and making it an admin, or creates the admin account when the username is new. A reset
 * ends the account's sessions like a reset from the admin app (refresh tokens revoked, `sessionVersion` bumped,
 * `staff.sessions_ended` recorded). No actor: whoever can run this has the database already. Throws
 * `VALIDATION_FAILED` (password too short), `NOT_FOUND` (no such store), `CONFLICT` (several stores and none named).
 */
export async function resetAdminPassword(ctx: AnonymousCommandContext, input: AdminResetInput): Promise<AdminResetResult> {
  const password = input.password ?? randomBytes(9).toString('base64url');
  const checked = PasswordSchema.safeParse(password);
  if (!checked.success) throw new DomainError('VALIDATION_FAILED', `password: ${checked.error.issues[0]?.message ?? 'invalid'}`);
  const name = UsernameSchema.safeParse(input.username);
  if (!name.success)
    throw new DomainError('VALIDATION_FAILED', `username: ${name.error.issues[0]?.message ?? 'invalid'} (a-z, 0-9, . _ @ -)`);
  const username = name.data;
  const passwordHash = await hashPassword(password);
  return ctx.em.transactional(async (em) => {
    const staff = await em.findOne(Staff, { username }, { populate: ['store'] });
    if (staff) {
      const store = staff.store.getEntity();
      if (input.storeSlug && input.storeSlug !== store.slug)
        throw new DomainError('CONFLICT', `"${username}" belongs to the store "${store.slug}".`);
      staff.passwordHash = passwordHash;
      staff.disabled = false;
      staff.role = 'admin';
      staff.sessionVersion += 1;
      await em.nativeUpdate(RefreshToken, { staff: staff.id, revokedAt: null }, { revokedAt: ctx.now });
      recordEvent(em, {
        type: 'staff.sessions_ended',
        storeId: store.id,
        aggregateId: staff.id,
        payload: { staffId: staff.id, reason: 'password_reset' },
        now: ctx.now,
      });
      return { username: staff.username, password, storeSlug: store.slug, created: false };
    }
    const stores = await em.find(Store, input.storeSlug ? { slug: input.storeSlug } : {}, { limit: 2 });
    if (stores.length === 0)
      throw new DomainError(
        'NOT_FOUND',
        input.storeSlug ? `No store "${input.storeSlug}".` : 'There is no store yet: start the server once first.',
      );
    if (stores.length > 1) throw new DomainError('CONFLICT', 'Several stores: name one with --store <slug>.');
    const store = stores[0] as Store;
    em.create(Staff, {
      id: newId(),
      store,
      username,
      displayName: username,
      passwordHash,
      role: 'admin',
      disabled: false,
      sessionVersion: 0,
      createdAt: ctx.now,
    });
    return { username, password, storeSlug: store.slug, created: true };
  });
}
