import { cartLineKey, type ChosenOption } from '@hiorder/domain/catalog/menu-options';
import { LIMITS } from '@hiorder/domain/shared/limits';
import type { RuleViolation } from '@hiorder/domain/ordering/order-rules';
import { db } from '../db/db';

/** What the guest chose in the detail sheet: options (as shown) and a request for the kitchen. */
export interface LineChoice {
  chosen: readonly ChosenOption[];
  note: string;
}

const NO_CHOICE: LineChoice = { chosen: [], note: '' };

/**
 * The cart's one write path. The cart lives in Dexie, so it survives a reload, a crash and the idle screen. The
 * same menu with the same options and note adds to its line; another choice makes another line.
 */
export async function addToCart(menuId: string, qty = 1, now: number = Date.now(), choice: LineChoice = NO_CHOICE): Promise<void> {
  const options = choice.chosen.map((o) => o.optionId);
  const note = choice.note.trim().slice(0, LIMITS.maxLineNoteLength);
  const key = cartLineKey(menuId, options, note);
  await db.transaction('rw', db.cart, async () => {
    const line = await db.cart.get(key);
    const next = Math.min(LIMITS.maxQtyPerLine, (line?.qty ?? 0) + qty);
    await db.cart.put({ key, menuId, qty: next, options, chosen: [...choice.chosen], note, addedAt: line?.addedAt ?? now });
  });
}

export async function setCartQty(key: string, qty: number): Promise<void> {
  await db.transaction('rw', db.cart, async () => {
    if (qty <= 0) {
      await db.cart.delete(key);
      return;
    }
    await db.cart.update(key, { qty: Math.min(LIMITS.maxQtyPerLine, qty) });
  });
}

/** Clears the lines and the order's request with them. */
export async function clearCart(): Promise<void> {
  await db.transaction('rw', db.cart, db.kv, async () => {
    await db.cart.clear();
    await db.kv.delete('orderNote');
  });
}

/**
 * The guest's request for the whole order ("아이 숟가락 주세요"), kept in Dexie with the cart until it is ordered
 * (a reload keeps it). Cut to the order schema's limit; spaces are trimmed when it is sent, not while typing.
 */
export async function setOrderNote(note: string): Promise<void> {
  const kept = note.slice(0, LIMITS.maxNoteLength);
  if (kept.trim() === '') await db.kv.delete('orderNote');
  else await db.kv.put({ key: 'orderNote', value: kept });
}

/**
 * The one-tap fix when dishes sell out while they sit in the cart: sold-out and hidden lines leave, counted
 * lines shrink to what is left (shared out in cart order between lines of one menu), lines with a sold-out option
 * leave. Takes the rules' violations, so it removes exactly what they refuse for availability.
 */
export async function removeSoldOut(violations: readonly RuleViolation[]): Promise<void> {
  await db.transaction('rw', db.cart, async () => {
    for (const v of violations) {
      const lines = await db.cart.where('menuId').equals(v.menuId).sortBy('addedAt');
      if (v.code === 'MENU_UNAVAILABLE') await db.cart.bulkDelete(lines.map((l) => l.key));
      else if (v.code === 'OUT_OF_STOCK') {
        let left = v.available;
        for (const line of lines) {
          if (left <= 0) await db.cart.delete(line.key);
          else await db.cart.update(line.key, { qty: Math.min(line.qty, left) });
          left -= line.qty;
        }
      } else if (v.code === 'OPTION_UNAVAILABLE') {
        await db.cart.bulkDelete(lines.filter((l) => l.options.includes(v.optionId)).map((l) => l.key));
      }
    }
  });
}
