import type { Actor, StaffCreate, StaffDto, StaffUpdate } from '@hiorder/domain/identity/identity.schemas';
import { DomainError } from '@hiorder/domain/shared/errors';
import { newId } from '@hiorder/domain/shared/ids';
import type { EntityManager } from '../db/orm';
import { presentStaff } from './identity.presenter';
import { hashPassword } from './passwords';
import { RefreshToken } from './refresh-token.entity';
import { Staff } from './staff.entity';

interface StaffCtx {
  em: EntityManager;
  actor: Actor;
  now: Date;
}

export async function listStaff(ctx: StaffCtx): Promise<StaffDto[]> {
  const staff = await ctx.em.find(Staff, { store: ctx.actor.storeId }, { orderBy: { username: 'asc' } });
  return staff.map(presentStaff);
}

/** Creates a staff account. Throws `CONFLICT` when the username is taken (in any store). */
export async function createStaff(ctx: StaffCtx, input: StaffCreate): Promise<StaffDto> {
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
      createdAt: ctx.now,
    });
    return presentStaff(staff);
  });
}

/**
 * Changes a staff account (name, role, password reset, disable). Resetting the password or disabling ends the
 * account's sessions. Throws `NOT_FOUND`, and `CONFLICT` when an admin would disable or demote themselves.
 */
export async function updateStaff(ctx: StaffCtx, staffId: string, input: StaffUpdate): Promise<StaffDto> {
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return ctx.em.transactional(async (em) => {
    const staff = await em.findOne(Staff, { id: staffId, store: ctx.actor.storeId });
    if (!staff) throw new DomainError('NOT_FOUND', 'No such staff account in this store.');
    const self = ctx.actor.kind === 'staff' && ctx.actor.staffId === staff.id;
    if (self && (input.disabled === true || (input.role && input.role !== 'admin'))) {
      throw new DomainError('CONFLICT', 'You cannot disable or demote your own account.');
    }
    if (input.displayName !== undefined) staff.displayName = input.displayName;
    if (input.role !== undefined) staff.role = input.role;
    if (input.disabled !== undefined) staff.disabled = input.disabled;
    if (passwordHash) staff.passwordHash = passwordHash;
    if (passwordHash || input.disabled) {
      await em.nativeUpdate(RefreshToken, { staff: staff.id, revokedAt: null }, { revokedAt: ctx.now });
    }
    return presentStaff(staff);
  });
}
