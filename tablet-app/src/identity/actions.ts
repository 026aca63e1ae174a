import { DeviceSessionDtoSchema, PairDeviceSchema, type DeviceSessionDto } from '@hiorder/domain/identity/identity.schemas';
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

/** A pairing code in the URL (`/tablet/?pair=CODE`, the QR code of the admin app), or null. */
export function pairingCodeFromUrl(search: string): string | null {
  const code = new URLSearchParams(search).get('pair');
  return code && code.trim() ? code.trim().toUpperCase() : null;
}
