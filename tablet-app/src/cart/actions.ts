import { LIMITS } from '@hiorder/domain/shared/limits';
import type { RuleViolation } from '@hiorder/domain/ordering/order-rules';
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

/**
 * The one-tap fix when dishes sell out while they sit in the cart: sold-out and hidden lines leave, counted
 * lines shrink to what is left. Takes the rules' violations, so it removes exactly what they refuse for stock.
 */
export async function removeSoldOut(violations: readonly RuleViolation[]): Promise<void> {
  await db.transaction('rw', db.cart, async () => {
    for (const v of violations) {
      if (v.code === 'MENU_UNAVAILABLE') await db.cart.delete(v.menuId);
      else if (v.code === 'OUT_OF_STOCK') {
        if (v.available <= 0) await db.cart.delete(v.menuId);
        else await db.cart.update(v.menuId, { qty: v.available });
      }
    }
  });
}
