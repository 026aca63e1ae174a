import type { Login, Refresh, SessionDto } from '@hiorder/domain/identity/identity.schemas';
import { DomainError } from '@hiorder/domain/shared/errors';
import { newId } from '@hiorder/domain/shared/ids';
import { presentStaff, presentStore } from './identity.presenter';
import { dummyPasswordHash, verifyPassword } from './passwords';
import { RefreshToken } from './refresh-token.entity';
import { Staff } from './staff.entity';
import { Store } from './store.entity';
import { ACCESS_TOKEN_TTL_S, newOpaqueToken, REFRESH_TOKEN_TTL_MS, sha256, type AccessTokens } from './tokens';
import type { AnonymousCommandContext } from '../command-context';

type SessionCtx = AnonymousCommandContext & { tokens: AccessTokens };

/**
 * Logs a staff member in: verifies the argon2id hash and opens a session (access + refresh token).
 * Throws `INVALID_CREDENTIALS` (same answer for an unknown user, a wrong password and a disabled account).
 * The caller applies the login rate limit.
 */
export async function login(ctx: SessionCtx, input: Login): Promise<SessionDto> {
  const staff = await ctx.em.findOne(Staff, { username: input.username });
  const ok = await verifyPassword(staff?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!staff || !ok || staff.disabled) {
    throw new DomainError('INVALID_CREDENTIALS', 'The username or password is wrong.');
  }
  return ctx.em.transactional((em) => openSession({ ...ctx, em }, staff));
}

/** Exchanges a refresh token for a new session; the old token is spent. Throws `UNAUTHENTICATED`. */
export async function refreshSession(ctx: SessionCtx, input: Refresh): Promise<SessionDto> {
  return ctx.em.transactional(async (em) => {
    const token = await em.findOne(RefreshToken, { tokenHash: sha256(input.refreshToken) }, { populate: ['staff'] });
    if (!token || token.revokedAt || token.expiresAt <= ctx.now) {
      throw new DomainError('UNAUTHENTICATED', 'The session has ended: log in again.');
    }
    const staff = token.staff.getEntity();
    if (staff.disabled) throw new DomainError('UNAUTHENTICATED', 'This account is disabled.');
    token.revokedAt = ctx.now;
    return openSession({ ...ctx, em }, staff);
  });
}

/** Ends a session by spending its refresh token (the access token runs out by itself within minutes). */
export async function logout(ctx: SessionCtx, input: Refresh): Promise<void> {
  await ctx.em.nativeUpdate(RefreshToken, { tokenHash: sha256(input.refreshToken), revokedAt: null }, { revokedAt: ctx.now });
}

/** Opens a session for a staff member (a login, or the owner right after setting up the store). */
export async function openSession(ctx: SessionCtx, staff: Staff): Promise<SessionDto> {
  const refreshToken = newOpaqueToken('rt_');
  ctx.em.create(RefreshToken, {
    id: newId(),
    staff,
    tokenHash: sha256(refreshToken),
    expiresAt: new Date(ctx.now.getTime() + REFRESH_TOKEN_TTL_MS),
    revokedAt: null,
    createdAt: ctx.now,
  });
  const store = await ctx.em.findOneOrFail(Store, { id: staff.store.id });
  const accessToken = await ctx.tokens.sign(
    { staffId: staff.id, storeId: store.id, role: staff.role, sessionVersion: staff.sessionVersion },
    ctx.now,
  );
  return { accessToken, refreshToken, expiresIn: ACCESS_TOKEN_TTL_S, staff: presentStaff(staff), store: presentStore(store) };
}
