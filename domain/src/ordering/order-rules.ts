import { z } from 'zod';
import type { Course } from '../catalog/catalog.schemas';
import type { ChosenOption, OptionGroupDto } from '../catalog/menu-options';
import { sumWon, type Won } from '../shared/money';
import { HOLDING_STATUSES, PAID_STATUSES } from './order-lifecycle';
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
  /** The option groups offered with this menu, in order (none when absent). */
  optionGroups?: readonly OptionGroupForRules[];
}

/** What the rules need of an option group: the catalog's DTO is exactly that. */
export type OptionGroupForRules = OptionGroupDto;

/** A line as the rules read it: menu, quantity and the ids of the chosen options. */
export type LineForRules = Pick<OrderLineInput, 'menuId' | 'qty'> & { options?: readonly string[] };

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
  z.object({
    code: z.literal('LIMIT_PER_VISIT'),
    menuId: z.string(),
    limit: z.number().int(),
    alreadyInVisit: z.number().int(),
    requested: z.number().int(),
  }),
  /** A line chose fewer options of a group than it requires (a required group left empty: `chosen` 0). */
  z.object({
    code: z.literal('OPTION_REQUIRED'),
    menuId: z.string(),
    line: z.number().int(),
    groupId: z.string(),
    min: z.number().int(),
    chosen: z.number().int(),
  }),
  z.object({
    code: z.literal('OPTION_TOO_MANY'),
    menuId: z.string(),
    line: z.number().int(),
    groupId: z.string(),
    max: z.number().int(),
    chosen: z.number().int(),
  }),
  /**
   * A chosen option that is not one of this menu's (`unknown`: another menu's, another store's, deleted) or is
   * sold out; `groupId` is null when the option is unknown to the menu.
   */
  z.object({
    code: z.literal('OPTION_UNAVAILABLE'),
    menuId: z.string(),
    line: z.number().int(),
    groupId: z.string().nullable(),
    optionId: z.string(),
    reason: z.enum(['unknown', 'sold_out']),
  }),
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
 * first by removing a line, the last by adding one. Options follow the same idea: an option that can't be had
 * comes with the menus that can't, too many choices before a missing one. `details.violations` still lists every violation.
 */
export const VIOLATION_PRECEDENCE: readonly RuleViolationCode[] = [
  'MENU_UNAVAILABLE',
  'OPTION_UNAVAILABLE',
  'OUT_OF_STOCK',
  'LIMIT_PER_VISIT',
  'OPTION_TOO_MANY',
  'SIDE_WITHOUT_MAIN',
  'OPTION_REQUIRED',
];

export interface PricedLine {
  menuId: string;
  qty: number;
  /** The menu's price plus the chosen options' deltas. */
  unitPrice: Won;
  lineTotal: Won;
  /** The chosen options in the menu's group order, as the line's snapshot keeps them. */
  options: ChosenOption[];
}

export type OrderVerdict =
  { ok: true; lines: PricedLine[]; total: Won; qtyByMenu: Record<string, number> } | { ok: false; violations: RuleViolation[] };

/**
 * Checks a cart against the catalog and the visit. Lines of the same menu are added up before the stock and
 * limit checks, so splitting a line can't get around them. Each line's options are checked on their own (two
 * lines of one menu may carry different options). Prices come from `menus`, never from the lines. Violations are
 * reported one per menu and rule (per line and group for options), by `VIOLATION_PRECEDENCE` and then in line
 * order, so the first one (the error's code) does not depend on the order of the lines.
 */
export function evaluateOrder(
  lines: readonly LineForRules[],
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
  const chosenByLine = lines.map((line, index) => {
    const menu = menus.get(line.menuId);
    return menu && availability(menu) === null ? chooseOptions(line, index, menu, violations) : [];
  });
  if (violations.length > 0) {
    // Array#sort is stable: within one code, line order stays.
    violations.sort((a, b) => VIOLATION_PRECEDENCE.indexOf(a.code) - VIOLATION_PRECEDENCE.indexOf(b.code));
    return { ok: false, violations };
  }

  const priced = lines.map((line, index) => {
    const options = chosenByLine[index] as ChosenOption[];
    const unitPrice = (menus.get(line.menuId) as MenuForRules).price + sumWon(options.map((o) => o.priceDelta));
    return { menuId: line.menuId, qty: line.qty, unitPrice, lineTotal: unitPrice * line.qty, options };
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

/**
 * Resolves one line's option ids against its menu's groups and appends what is wrong: an option the menu does
 * not offer or that is sold out, then per group too few or too many choices. Returns the snapshot in group order.
 */
function chooseOptions(line: LineForRules, index: number, menu: MenuForRules, violations: RuleViolation[]): ChosenOption[] {
  const groups = menu.optionGroups ?? [];
  const wanted = new Set(line.options ?? []);
  const chosen: ChosenOption[] = [];
  const known = new Set<string>();
  for (const group of groups) {
    let count = 0;
    for (const option of group.options) {
      if (!wanted.has(option.id)) continue;
      known.add(option.id);
      count += 1;
      if (option.soldOut) {
        violations.push({
          code: 'OPTION_UNAVAILABLE',
          menuId: menu.id,
          line: index,
          groupId: group.id,
          optionId: option.id,
          reason: 'sold_out',
        });
      }
      chosen.push({ groupId: group.id, groupName: group.name, optionId: option.id, name: option.name, priceDelta: option.priceDelta });
    }
    if (count < group.minChoices) {
      violations.push({ code: 'OPTION_REQUIRED', menuId: menu.id, line: index, groupId: group.id, min: group.minChoices, chosen: count });
    }
    if (count > group.maxChoices) {
      violations.push({ code: 'OPTION_TOO_MANY', menuId: menu.id, line: index, groupId: group.id, max: group.maxChoices, chosen: count });
    }
  }
  for (const optionId of wanted) {
    if (!known.has(optionId)) {
      violations.push({ code: 'OPTION_UNAVAILABLE', menuId: menu.id, line: index, groupId: null, optionId, reason: 'unknown' });
    }
  }
  return chosen;
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
    // The lifecycle's lists, not copies: a status added there counts here too.
    const holding = (HOLDING_STATUSES as readonly string[]).includes(order.status);
    const paid = (PAID_STATUSES as readonly string[]).includes(order.status);
    if (!holding) continue;
    for (const line of order.lines) {
      heldQtyByMenu[line.menuId] = (heldQtyByMenu[line.menuId] ?? 0) + line.qty;
      if (paid && line.course === 'main') hasPaidMain = true;
    }
  }
  return { hasPaidMain, heldQtyByMenu };
}

/**
 * The error message of a violation, in both languages; the tablet and the server's error body use it. Option
 * violations name the group (`groupName`, the caller's lookup of `v.groupId` in the same catalog).
 */
export function describeViolation(v: RuleViolation, menuName: string, locale: 'ko' | 'en', groupName = ''): string {
  const group = groupName || (locale === 'ko' ? '옵션' : 'options');
  switch (v.code) {
    case 'MENU_UNAVAILABLE':
      return locale === 'ko'
        ? v.reason === 'sold_out'
          ? `${menuName}: 품절되었습니다.`
          : `${menuName}: 지금은 주문할 수 없는 메뉴입니다.`
        : v.reason === 'sold_out'
          ? `${menuName} is sold out.`
          : `${menuName} can't be ordered right now.`;
    case 'OUT_OF_STOCK':
      return locale === 'ko' ? `${menuName}: 남은 수량이 ${v.available}개입니다.` : `Only ${v.available} left of ${menuName}.`;
    case 'SIDE_WITHOUT_MAIN':
      return locale === 'ko'
        ? `${menuName}: 사이드 메뉴는 메인 메뉴와 함께 주문해 주세요.`
        : `${menuName} is a side: order it with a main dish.`;
    case 'LIMIT_PER_VISIT':
      return locale === 'ko'
        ? `${menuName}: 방문당 ${v.limit}개까지 주문할 수 있습니다.`
        : `${menuName} is limited to ${v.limit} per visit.`;
    case 'OPTION_REQUIRED':
      return locale === 'ko'
        ? `${menuName}: ‘${group}’에서 ${v.min}개를 골라 주세요.`
        : `${menuName}: choose ${v.min === 1 ? 'one' : `at least ${v.min}`} in “${group}”.`;
    case 'OPTION_TOO_MANY':
      return locale === 'ko'
        ? `${menuName}: ‘${group}’은(는) ${v.max}개까지 고를 수 있습니다.`
        : `${menuName}: choose at most ${v.max} in “${group}”.`;
    case 'OPTION_UNAVAILABLE':
      if (v.reason === 'sold_out') {
        return locale === 'ko'
          ? `${menuName}: ‘${group}’의 선택한 옵션이 품절되었습니다.`
          : `${menuName}: the chosen option in “${group}” is sold out.`;
      }
      return locale === 'ko' ? `${menuName}: 이 메뉴에 없는 옵션입니다.` : `${menuName}: that option is not offered with this menu.`;
  }
}

/** The group a violation names, if any (for `describeViolation`'s `groupName`). */
export function violationGroupId(v: RuleViolation): string | null {
  return v.code === 'OPTION_REQUIRED' || v.code === 'OPTION_TOO_MANY' || v.code === 'OPTION_UNAVAILABLE' ? v.groupId : null;
}
