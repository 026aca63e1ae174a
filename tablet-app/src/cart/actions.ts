import { LIMITS } from '@hiorder/domain/shared/limits';
import { db } from '../db/db';

/** The cart's one write path. The cart lives in Dexie, so it survives a reload, a crash and the idle screen. */
export async function addToCart(menuId: string, qty = 1, now: number = Date.now()): Promise<void> {
  await db.transaction('rw', db.cart, async () => {
    const line = await db.cart.get(menuId);
    const next = Math.min(LIMITS.maxQtyPerLine, (line?.qty ?? 0) + qty);
    await db.cart.put({ menuId, qty: next, addedAt: line?.addedAt ?? now });
  });
}

export async function setCartQty(menuId: string, qty: number): Promise<void> {
  await db.transaction('rw', db.cart, async () => {
    if (qty <= 0) {
      await db.cart.delete(menuId);
      return;
    }
    await db.cart.update(menuId, { qty: Math.min(LIMITS.maxQtyPerLine, qty) });
  });
}

export async function clearCart(): Promise<void> {
  await db.cart.clear();
}
