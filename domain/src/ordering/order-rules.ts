import { z } from 'zod';
import type { Course } from '../catalog/catalog.schemas';
import { sumWon, type Won } from '../shared/money';
import type { OrderLineInput } from './ordering.schemas';

/**
 * The ordering rules of DESIGN.md as one pure function. The tablet runs it on its cart (offline too) to say
 * why a cart can't be ordered; the server runs the very same function inside the placement transaction and
 * is the only authority (its stock decrement is additionally conditional, so a race can't oversell).
 */

/** What the rules need to know of a menu. */
export interface MenuForRules {
  id: string;
  price: Won;
  course: Course;
  stock: number | null;
  limitPerVisit: number | null;
  soldOut: boolean;
  hidden: boolean;
}

/** What the rules need to know of the visit so far (this table's current occupancy). */
export interface VisitForRules {
  /** A `main` already paid for in this visit unlocks sides in later orders. */
  hasPaidMain: boolean;
  /** Quantity per menu id in this visit's paid and pending orders (for `limitPerVisit`). */
  heldQtyByMenu: Readonly<Record<string, number>>;
}

export const EMPTY_VISIT: VisitForRules = { hasPaidMain: false, heldQtyByMenu: {} };

/** A broken rule, as `evaluateOrder` returns it and as the server's error `details.violations` carries it. */
export const RuleViolationSchema = z.discriminatedUnion('code', [
  z.object({ code: z.literal('MENU_UNAVAILABLE'), menuId: z.string(), reason: z.enum(['unknown', 'hidden', 'sold_out']) }),
  z.object({ code: z.literal('OUT_OF_STOCK'), menuId: z.string(), requested: z.number().int(), available: z.number().int() }),
  z.object({ code: z.literal('SIDE_WITHOUT_MAIN'), menuId: z.string() }),
  z.object({ code: z.literal('LIMIT_PER_VISIT'), menuId: z.string(), limit: z.number().int(), alreadyInVisit: z.number().int(), requested: z.number().int() }),
]);
export type RuleViolation = z.infer<typeof RuleViolationSchema>;

/** `details` of a rule error (`OUT_OF_STOCK`, `SIDE_WITHOUT_MAIN`, `LIMIT_PER_VISIT`, `MENU_UNAVAILABLE`). */
export const RuleErrorDetailsSchema = z.object({ violations: z.array(RuleViolationSchema).min(1) });
export type RuleErrorDetails = z.infer<typeof RuleErrorDetailsSchema>;

export type RuleViolationCode = RuleViolation['code'];

/**
 * Which broken rule a refused cart is refused for (its error `code` and HTTP status), whatever the order of its
 * lines: first what can't be had at all (`MENU_UNAVAILABLE`), then not that many (`OUT_OF_STOCK`), then not
 * that many for this visit (`LIMIT_PER_VISIT`), then the cart's shape (`SIDE_WITHOUT_MAIN`) — a guest fixes the
 * first by removing a line, the last by adding one. `details.violations` still lists every violation.
 */
export const VIOLATION_PRECEDENCE: readonly RuleViolationCode[] = ['MENU_UNAVAILABLE', 'OUT_OF_STOCK', 'LIMIT_PER_VISIT', 'SIDE_WITHOUT_MAIN'];

export interface PricedLine {
  menuId: string;
  qty: number;
  unitPrice: Won;
  lineTotal: Won;
}

export type OrderVerdict =
  | { ok: true; lines: PricedLine[]; total: Won; qtyByMenu: Record<string, number> }
  | { ok: false; violations: RuleViolation[] };

/**
 * Checks a cart against the catalog and the visit. Lines of the same menu are added up before the stock and
 * limit checks, so splitting a line can't get around them. Prices come from `menus`, never from the lines.
 * Violations are reported one per menu and rule, by `VIOLATION_PRECEDENCE` and then in line order, so the first
 * one (the error's code) does not depend on the order of the lines.
 */
export function evaluateOrder(
  lines: readonly Pick<OrderLineInput, 'menuId' | 'qty'>[],
  menus: ReadonlyMap<string, MenuForRules>,
  visit: VisitForRules,
): OrderVerdict {
  const violations: RuleViolation[] = [];
  const qtyByMenu: Record<string, number> = {};
  for (const line of lines) qtyByMenu[line.menuId] = (qtyByMenu[line.menuId] ?? 0) + line.qty;

  const hasMainInCart = Object.keys(qtyByMenu).some((id) => {
    const menu = menus.get(id);
    return menu !== undefined && menu.course === 'main' && availability(menu) === null;
  });

  for (const [menuId, qty] of Object.entries(qtyByMenu)) {
    const menu = menus.get(menuId);
    if (!menu) {
      violations.push({ code: 'MENU_UNAVAILABLE', menuId, reason: 'unknown' });
      continue;
    }
    const unavailable = availability(menu);
    if (unavailable) {
      violations.push({ code: 'MENU_UNAVAILABLE', menuId, reason: unavailable });
      continue;
    }
    if (menu.stock !== null && menu.stock < qty) {
      violations.push({ code: 'OUT_OF_STOCK', menuId, requested: qty, available: menu.stock });
    }
    if (menu.course === 'side' && !hasMainInCart && !visit.hasPaidMain) {
      violations.push({ code: 'SIDE_WITHOUT_MAIN', menuId });
    }
    if (menu.limitPerVisit !== null) {
      const already = visit.heldQtyByMenu[menuId] ?? 0;
      if (qty > (leftInVisit(menu, visit) ?? Infinity)) {
        violations.push({ code: 'LIMIT_PER_VISIT', menuId, limit: menu.limitPerVisit, alreadyInVisit: already, requested: qty });
      }
    }
  }
  if (violations.length > 0) {
    // Array#sort is stable: within one code, line order stays.
    violations.sort((a, b) => VIOLATION_PRECEDENCE.indexOf(a.code) - VIOLATION_PRECEDENCE.indexOf(b.code));
    return { ok: false, violations };
  }

  const priced = lines.map((line) => {
    const unitPrice = (menus.get(line.menuId) as MenuForRules).price;
    return { menuId: line.menuId, qty: line.qty, unitPrice, lineTotal: unitPrice * line.qty };
  });
  return { ok: true, lines: priced, total: sumWon(priced.map((l) => l.lineTotal)), qtyByMenu };
}

/** What is left of a menu's `limitPerVisit` in this visit (never below 0), or null when the menu has no limit. */
export function leftInVisit(menu: Pick<MenuForRules, 'id' | 'limitPerVisit'>, visit: VisitForRules): number | null {
  if (menu.limitPerVisit === null) return null;
  return Math.max(0, menu.limitPerVisit - (visit.heldQtyByMenu[menu.id] ?? 0));
}

/**
 * How many more of a menu a cart already holding `inCart` of it may take before `evaluateOrder` would refuse it
 * (availability, stock, per-visit limit; 0 when none), or null when nothing bounds it. The tablet's "+"
 * buttons and recommendation rows ask this, so they never offer what the rules would then refuse.
 */
export function addableQty(menu: MenuForRules, visit: VisitForRules, inCart: number): number | null {
  if (availability(menu) !== null) return 0;
  const bounds = [menu.stock, leftInVisit(menu, visit)].filter((b): b is number => b !== null);
  if (bounds.length === 0) return null;
  return Math.max(0, Math.min(...bounds) - inCart);
}

function availability(menu: MenuForRules): 'hidden' | 'sold_out' | null {
  if (menu.hidden) return 'hidden';
  if (menu.soldOut || menu.stock === 0) return 'sold_out';
  return null;
}

/** Builds the visit view from the visit's orders: what the tablet knows from its history, the server from its DB. */
export function visitForRules(
  orders: readonly { status: string; lines: readonly { menuId: string; qty: number; course: Course }[] }[],
): VisitForRules {
  const heldQtyByMenu: Record<string, number> = {};
  let hasPaidMain = false;
  for (const order of orders) {
    const holding = ['pending_payment', 'paid', 'accepted', 'served'].includes(order.status);
    const paid = ['paid', 'accepted', 'served'].includes(order.status);
    if (!holding) continue;
    for (const line of order.lines) {
      heldQtyByMenu[line.menuId] = (heldQtyByMenu[line.menuId] ?? 0) + line.qty;
      if (paid && line.course === 'main') hasPaidMain = true;
    }
  }
  return { hasPaidMain, heldQtyByMenu };
}

/** The error message of a violation, in both languages; the tablet and the server's error body use it. */
export function describeViolation(v: RuleViolation, menuName: string, locale: 'ko' | 'en'): string {
  switch (v.code) {
    case 'MENU_UNAVAILABLE':
      return locale === 'ko'
        ? v.reason === 'sold_out' ? `${menuName}: 품절되었습니다.` : `${menuName}: 지금은 주문할 수 없는 메뉴입니다.`
        : v.reason === 'sold_out' ? `${menuName} is sold out.` : `${menuName} can't be ordered right now.`;
    case 'OUT_OF_STOCK':
      return locale === 'ko'
        ? `${menuName}: 남은 수량이 ${v.available}개입니다.`
        : `Only ${v.available} left of ${menuName}.`;
    case 'SIDE_WITHOUT_MAIN':
      return locale === 'ko'
        ? `${menuName}: 사이드 메뉴는 메인 메뉴와 함께 주문해 주세요.`
        : `${menuName} is a side: order it with a main dish.`;
    case 'LIMIT_PER_VISIT':
      return locale === 'ko'
        ? `${menuName}: 방문당 ${v.limit}개까지 주문할 수 있습니다.`
        : `${menuName} is limited to ${v.limit} per visit.`;
  }
}
