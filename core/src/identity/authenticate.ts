import type { Actor, Role } from '@hiorder/domain/identity/identity.schemas';
import { DomainError } from '@hiorder/domain/shared/errors';
import type { SqlSession } from '../db/direct-sql';
import { DEVICE_TOKEN_PREFIX, sha256, type AccessTokens, type StaffClaims } from './tokens';

/**
 * Turns a bearer token into the actor every command receives. Store and table come from the token, never from
 * the request (I7). Throws `UNAUTHENTICATED` / `TOKEN_EXPIRED`.
 */
export async function authenticate(sql: SqlSession, tokens: AccessTokens, token: string | undefined, now: Date): Promise<Actor> {
  if (!token) throw new DomainError('UNAUTHENTICATED', 'A token is required.');
  if (token.startsWith(DEVICE_TOKEN_PREFIX)) {
    const rows = await sql.all<{
      id: string;
      store_id: string;
      table_id: string | null;
      visit_id: string | null;
      role: string;
      revoked_at: unknown;
    }>('select id, store_id, table_id, visit_id, role, revoked_at from device where token_hash = ?', [sha256(token)]);
    const device = rows[0];
    if (!device || device.revoked_at !== null) {
      throw new DomainError('UNAUTHENTICATED', 'This device is not paired (or was unpaired): pair it again.');
    }
    touchDevice(sql, device.id, now);
    if (device.visit_id) return visitGuest(sql, device.id, device.store_id, device.visit_id);
    if (device.role === 'table' && device.table_id) {
      return { kind: 'device', role: 'table', deviceId: device.id, storeId: device.store_id, tableId: device.table_id };
    }
    return { kind: 'device', role: 'kitchen', deviceId: device.id, storeId: device.store_id };
  }
  const claims = await tokens.verify(token);
  await assertStaffSessionLive(sql, claims);
  return { kind: 'staff', role: claims.role, staffId: claims.staffId, storeId: claims.storeId };
}

/**
 * A guest's phone joined to a visit by the tablet's QR: it acts as its table while the visit is open — at the
 * visit's table now (a moved visit takes its phones along) — and is refused once the visit closes (I7: the next
 * guests' orders are never seen from an old phone).
 */
async function visitGuest(sql: SqlSession, deviceId: string, storeId: string, visitId: string): Promise<Actor> {
  const visits = await sql.all<{ table_id: string; closed_at: unknown }>('select table_id, closed_at from visit where id = ?', [visitId]);
  const visit = visits[0];
  if (!visit || (visit.closed_at !== null && visit.closed_at !== undefined))
    throw new DomainError('UNAUTHENTICATED', 'This table’s visit has ended: scan the QR code on the table again.', {
      reason: 'visit_closed',
    });
  return { kind: 'device', role: 'table', deviceId, storeId, tableId: visit.table_id, visitId };
}

/**
 * A signed staff token is only as good as its account: disabled, moved, demoted or with its sessions ended
 * (`session_version` bumped) → `UNAUTHENTICATED` at once, on every instance, since the row is shared. One
 * primary-key read per staff request; tablets' placements (device tokens) do not pay it.
 */
export async function assertStaffSessionLive(sql: SqlSession, claims: StaffClaims): Promise<void> {
  const rows = await sql.all<{ store_id: string; role: string; disabled: unknown; session_version: number | string }>(
    'select store_id, role, disabled, session_version from staff where id = ?',
    [claims.staffId],
  );
  const staff = rows[0];
  const live =
    staff !== undefined &&
    !isTrue(staff.disabled) &&
    staff.store_id === claims.storeId &&
    staff.role === claims.role &&
    Number(staff.session_version) === (claims.sessionVersion ?? 0);
  if (!live) throw new DomainError('UNAUTHENTICATED', 'This session has ended (the account was changed or disabled): log in again.');
}

/** The account's current session version (0 for an unknown account). */
export async function staffSessionVersion(sql: SqlSession, staffId: string): Promise<number> {
  const rows = await sql.all<{ session_version: number | string }>('select session_version from staff where id = ?', [staffId]);
  return Number(rows[0]?.session_version ?? 0);
}

/** SQLite stores booleans as 0/1, PostgreSQL answers true/false. */
function isTrue(value: unknown): boolean {
  return value === true || value === 1 || value === '1';
}

const lastTouched = new Map<string, number>();
/** Records when a device was last seen, at most once a minute per device: not a write on every request. */
function touchDevice(sql: SqlSession, deviceId: string, now: Date): void {
  const last = lastTouched.get(deviceId) ?? 0;
  if (now.getTime() - last < 60_000) return;
  lastTouched.set(deviceId, now.getTime());
  void sql.run('update device set last_seen_at = ? where id = ?', [now, deviceId]).catch(() => undefined);
}

/** Throws `FORBIDDEN` unless the actor has one of the roles. */
export function requireRole<R extends Role>(actor: Actor, roles: readonly R[]): asserts actor is Extract<Actor, { role: R }> {
  if (!(roles as readonly Role[]).includes(actor.role)) {
    throw new DomainError('FORBIDDEN', `This needs one of the roles: ${roles.join(', ')}.`);
  }
}
