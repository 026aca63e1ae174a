import type { Actor, Role } from '@hiorder/domain/identity/identity.schemas';
import { DomainError } from '@hiorder/domain/shared/errors';
import type { SqlSession } from '../db/direct-sql';
import { DEVICE_TOKEN_PREFIX, sha256, type AccessTokens } from './tokens';

/**
 * Turns a bearer token into the actor every command receives. Store and table come from the token, never from
 * the request (I7). Throws `UNAUTHENTICATED` / `TOKEN_EXPIRED`.
 */
export async function authenticate(sql: SqlSession, tokens: AccessTokens, token: string | undefined, now: Date): Promise<Actor> {
  if (!token) throw new DomainError('UNAUTHENTICATED', 'A token is required.');
  if (token.startsWith(DEVICE_TOKEN_PREFIX)) {
    const rows = await sql.all<{ id: string; store_id: string; table_id: string | null; role: string; revoked_at: unknown }>(
      'select id, store_id, table_id, role, revoked_at from device where token_hash = ?',
      [sha256(token)],
    );
    const device = rows[0];
    if (!device || device.revoked_at !== null) {
      throw new DomainError('UNAUTHENTICATED', 'This device is not paired (or was unpaired): pair it again.');
    }
    touchDevice(sql, device.id, now);
    if (device.role === 'table' && device.table_id) {
      return { kind: 'device', role: 'table', deviceId: device.id, storeId: device.store_id, tableId: device.table_id };
    }
    return { kind: 'device', role: 'kitchen', deviceId: device.id, storeId: device.store_id };
  }
  const claims = await tokens.verify(token);
  return { kind: 'staff', role: claims.role, staffId: claims.staffId, storeId: claims.storeId };
}

const lastTouched = new Map<string, number>();
/** Records when a device was last seen, at most once a minute per device: not a write on every request. */
function touchDevice(sql: SqlSession, deviceId: string, now: Date): void {
  const last = lastTouched.get(deviceId) ?? 0;
  if (now.getTime() - last < 60_000) return;
  lastTouched.set(deviceId, now.getTime());
  void sql
    .run('update device set last_seen_at = ? where id = ?', [now, deviceId])
    .catch(() => undefined);
}

/** Throws `FORBIDDEN` unless the actor has one of the roles. */
export function requireRole<R extends Role>(actor: Actor, roles: readonly R[]): asserts actor is Extract<Actor, { role: R }> {
  if (!(roles as readonly Role[]).includes(actor.role)) {
    throw new DomainError('FORBIDDEN', `This needs one of the roles: ${roles.join(', ')}.`);
  }
}
