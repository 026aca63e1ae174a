import type { StaffCreate, StaffDto, StaffUpdate } from '@hiorder/domain/identity/identity.schemas';
import { DomainError } from '@hiorder/domain/shared/errors';
import { newId } from '@hiorder/domain/shared/ids';
import { presentStaff } from './identity.presenter';
import { hashPassword } from './passwords';
import { RefreshToken } from './refresh-token.entity';
import { Staff } from './staff.entity';
import { recordEvent } from '../outbox/record-event';
import type { CommandContext } from '../command-context';

/** Why a change ends the account's sessions, or null when it does not (a new display name, re-enabling). */
function sessionsEndedBy(staff: Staff, input: StaffUpdate, passwordReset: boolean): 'disabled' | 'role_changed' | 'password_reset' | null {
  if (input.disabled === true && !staff.disabled) return 'disabled';
  if (input.role !== undefined && input.role !== staff.role) return 'role_changed';
  if (passwordReset) return 'password_reset';
  return null;
}

export async function listStaff(ctx: CommandContext): Promise<StaffDto[]> {
  const staff = await ctx.em.find(Staff, { store: ctx.actor.storeId }, { orderBy: { username: 'asc' } });
  return staff.map(presentStaff);
}

/** Creates a staff account. Throws `CONFLICT` when the username is taken (in any store). */
export async function createStaff(ctx: CommandContext, input: StaffCreate): Promise<StaffDto> {
  const passwordHash = await hashPassword(input.password);
  return ctx.em.transactional(async (em) => {
    if (await em.count(Staff, { username: input.username })) {
      throw new DomainError('CONFLICT', 'This username is taken.');
    }
    const staff = em.create(Staff, {
      id: newId(),
      store: ctx.actor.storeId,
      username: input.username,
      displayName: input.displayName,
      passwordHash,
      role: input.role,
      disabled: false,
      sessionVersion: 0,
      createdAt: ctx.now,
    });
    return presentStaff(staff);
  });
}

/**
 * Changes a staff account (name, role, password reset, disable). Disabling, a role change or a password reset
 * ends the account's sessions at once: refresh tokens revoked, `sessionVersion` bumped (every access token
 * signed before is refused from the next request on) and `staff.sessions_ended` recorded, whose push closes the
 * account's sockets on every instance. Throws `NOT_FOUND`, and `CONFLICT` when an admin would disable or demote
 * themselves.
 */
export async function updateStaff(ctx: CommandContext, staffId: string, input: StaffUpdate): Promise<StaffDto> {
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return ctx.em.transactional(async (em) => {
    const staff = await em.findOne(Staff, { id: staffId, store: ctx.actor.storeId });
    if (!staff) throw new DomainError('NOT_FOUND', 'No such staff account in this store.');
    const self = ctx.actor.kind === 'staff' && ctx.actor.staffId === staff.id;
    if (self && (input.disabled === true || (input.role && input.role !== 'admin'))) {
      throw new DomainError('CONFLICT', 'You cannot disable or demote your own account.');
    }
    const ended = sessionsEndedBy(staff, input, passwordHash !== null);
    if (input.displayName !== undefined) staff.displayName = input.displayName;
    if (input.role !== undefined) staff.role = input.role;
    if (input.disabled !== undefined) staff.disabled = input.disabled;
    if (passwordHash) staff.passwordHash = passwordHash;
    if (ended) {
      await em.nativeUpdate(RefreshToken, { staff: staff.id, revokedAt: null }, { revokedAt: ctx.now });
      staff.sessionVersion += 1;
      recordEvent(em, {
        type: 'staff.sessions_ended',
        storeId: ctx.actor.storeId,
        aggregateId: staff.id,
        payload: { staffId: staff.id, reason: ended },
        now: ctx.now,
      });
    }
    return presentStaff(staff);
  });
}
