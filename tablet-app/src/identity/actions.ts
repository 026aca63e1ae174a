import { DeviceSessionDtoSchema, PairDeviceSchema, type DeviceSessionDto } from '@hiorder/domain/identity/identity.schemas';
import { VisitJoinSchema } from '@hiorder/domain/payment/bill-split';
import { db } from '../db/db';
import { apiFetch } from '../sync/api';

const MIRROR_KEY = 'hiorder.deviceToken';

/**
 * Pairs this tablet with a table: `POST /api/devices/pair` with the code an admin made. The device session
 * is kept in Dexie (and the token mirrored in localStorage, which survives an IndexedDB eviction).
 */
export async function pairDevice(code: string): Promise<DeviceSessionDto> {
  const input = PairDeviceSchema.parse({ code, deviceName: deviceName() });
  const session = DeviceSessionDtoSchema.parse(await apiFetch('/api/devices/pair', { method: 'POST', body: input }));
  if (session.role !== 'table') throw new Error('this code pairs a kitchen display, not a table tablet');
  return keepSession(session);
}

/**
 * A guest's phone scanned the tablet's QR (`/tablet/?join=CODE`): `POST /api/visits/join` gives a session of the
 * table limited to that visit (the same app then shows the table's menu, orders and the split bill). Throws the
 * server's `VISIT_JOIN_INVALID` (410) for an old visit's QR.
 */
export async function joinVisit(code: string): Promise<DeviceSessionDto> {
  const input = VisitJoinSchema.parse({ code });
  return keepSession(DeviceSessionDtoSchema.parse(await apiFetch('/api/visits/join', { method: 'POST', body: input })));
}

async function keepSession(session: DeviceSessionDto): Promise<DeviceSessionDto> {
  await db.transaction('rw', db.kv, db.orders, db.outbox, db.cart, async () => {
    await db.kv.put({ key: 'session', value: session });
    // A tablet moved to another table starts clean.
    await db.orders.clear();
    await db.outbox.clear();
    await db.cart.clear();
  });
  try {
    localStorage.setItem(MIRROR_KEY, session.deviceToken);
  } catch {
    // Private mode or full storage: Dexie still has it.
  }
  return session;
}

/** Revoked or unknown token: forget the pairing and everything of the table; the pairing screen shows. */
export async function forgetPairing(): Promise<void> {
  await db.transaction('rw', [db.kv, db.orders, db.outbox, db.cart, db.menus, db.categories, db.optionGroups], async () => {
    await db.kv.delete('session');
    await db.kv.delete('catalog');
    await db.orders.clear();
    await db.outbox.clear();
    await db.cart.clear();
    await db.menus.clear();
    await db.categories.clear();
    await db.optionGroups.clear();
  });
  try {
    localStorage.removeItem(MIRROR_KEY);
  } catch {
    // nothing to remove
  }
}

function deviceName(): string {
  const ua = typeof navigator === 'undefined' ? '' : navigator.userAgent;
  const kind = /iPad/.test(ua) ? 'iPad' : /Android/.test(ua) ? 'Android tablet' : 'Tablet';
  return kind.slice(0, 40);
}

/** A visit's join code in the URL (`/tablet/?join=CODE`, the tablet's split-bill QR), or null. */
export function joinCodeFromUrl(search: string): string | null {
  const code = new URLSearchParams(search).get('join');
  return code && code.trim() ? code.trim() : null;
}

/** A pairing code in the URL (`/tablet/?pair=CODE`, the QR code of the admin app), or null. */
export function pairingCodeFromUrl(search: string): string | null {
  const code = new URLSearchParams(search).get('pair');
  return code && code.trim() ? code.trim().toUpperCase() : null;
}
