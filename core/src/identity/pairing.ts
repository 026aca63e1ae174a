import { randomInt } from 'node:crypto';
import {
  PAIRING_CODE_ALPHABET,
  type Actor,
  type DeviceSessionDto,
  type PairDevice,
  type PairingCodeCreate,
  type PairingCodeDto,
} from '@hiorder/domain/identity/identity.schemas';
import { DomainError } from '@hiorder/domain/shared/errors';
import { newId } from '@hiorder/domain/shared/ids';
import { recordEvent } from '../outbox/record-event';
import { Device } from './device.entity';
import { DiningTable } from './dining-table.entity';
import { presentStore } from './identity.presenter';
import { PairingCode } from './pairing-code.entity';
import { Store } from './store.entity';
import { DEVICE_TOKEN_PREFIX, newOpaqueToken, PAIRING_CODE_TTL_MS, sha256 } from './tokens';
import type { AnonymousCommandContext, CommandContext } from '../command-context';

function newPairingCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += PAIRING_CODE_ALPHABET[randomInt(PAIRING_CODE_ALPHABET.length)];
  return code;
}

/**
 * Makes a one-time pairing code for a table's tablet or a kitchen display (admin only, the caller checks the
 * role). Throws `NOT_FOUND` for a table of another store.
 */
export async function createPairingCode(
  ctx: AnonymousCommandContext & { actor: Extract<Actor, { kind: 'staff' }>; publicUrl: string },
  input: PairingCodeCreate,
): Promise<PairingCodeDto> {
  return ctx.em.transactional(async (em) => {
    const table = input.role === 'table' ? await em.findOne(DiningTable, { id: input.tableId, store: ctx.actor.storeId }) : null;
    if (input.role === 'table' && !table) throw new DomainError('NOT_FOUND', 'No such table in this store.');
    const code = newPairingCode();
    const expiresAt = new Date(ctx.now.getTime() + PAIRING_CODE_TTL_MS);
    em.create(PairingCode, {
      id: newId(),
      store: ctx.actor.storeId,
      code,
      role: input.role,
      table: table ?? null,
      name: input.role === 'kitchen' ? (input.name ?? 'Kitchen') : (table?.label ?? ''),
      expiresAt,
      usedAt: null,
      createdAt: ctx.now,
    });
    const app = input.role === 'table' ? 'tablet' : 'kitchen';
    return {
      code,
      role: input.role,
      tableId: table?.id ?? null,
      url: `${ctx.publicUrl}/${app}/?pair=${code}`,
      expiresAt: expiresAt.toISOString(),
    };
  });
}

/**
 * Spends a pairing code and issues a device token scoped to its store (and table). The code works once.
 * Throws `PAIRING_CODE_INVALID` for an unknown, used or expired code.
 */
export async function pairDevice(ctx: AnonymousCommandContext, input: PairDevice): Promise<DeviceSessionDto> {
  return ctx.em.transactional(async (em) => {
    const pairing = await em.findOne(PairingCode, { code: input.code }, { populate: ['table'] });
    if (!pairing || pairing.usedAt || pairing.expiresAt <= ctx.now) {
      throw new DomainError('PAIRING_CODE_INVALID', 'This pairing code is unknown, used or expired: ask staff for a new one.');
    }
    // Guarded: two devices racing for one code can't both win.
    const spent = await em.nativeUpdate(PairingCode, { id: pairing.id, usedAt: null }, { usedAt: ctx.now });
    if (spent !== 1) throw new DomainError('PAIRING_CODE_INVALID', 'This pairing code was just used.');
    const token = newOpaqueToken(DEVICE_TOKEN_PREFIX);
    const device = em.create(Device, {
      id: newId(),
      store: pairing.store,
      table: pairing.table ?? null,
      visit: null,
      role: pairing.role,
      name: input.deviceName || pairing.name,
      tokenHash: sha256(token),
      createdAt: ctx.now,
      lastSeenAt: ctx.now,
      revokedAt: null,
    });
    const store = await em.findOneOrFail(Store, { id: pairing.store.id });
    const table = pairing.table?.getEntity() ?? null;
    return {
      deviceToken: token,
      deviceId: device.id,
      role: pairing.role,
      store: presentStore(store),
      table: table ? { id: table.id, label: table.label } : null,
    };
  });
}

/**
 * Revokes a device of the actor's store: its token stops working at once (looked up on every use), and
 * `device.revoked` is recorded in the same transaction, whose push closes its sockets on every instance.
 * Revoking a revoked device changes nothing. Throws `NOT_FOUND`.
 */
export async function revokeDevice(ctx: CommandContext, deviceId: string): Promise<void> {
  await ctx.em.transactional(async (em) => {
    const n = await em.nativeUpdate(Device, { id: deviceId, store: ctx.actor.storeId, revokedAt: null }, { revokedAt: ctx.now });
    if (n === 1) {
      recordEvent(em, { type: 'device.revoked', storeId: ctx.actor.storeId, aggregateId: deviceId, payload: { deviceId }, now: ctx.now });
      return;
    }
    const exists = await em.count(Device, { id: deviceId, store: ctx.actor.storeId });
    if (!exists) throw new DomainError('NOT_FOUND', 'No such device in this store.');
  });
}
