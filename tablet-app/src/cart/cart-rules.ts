import type { MenuDto } from '@hiorder/domain/catalog/catalog.schemas';
import type { OptionGroupDto } from '@hiorder/domain/catalog/menu-options';
import {
  describeViolation,
  evaluateOrder,
  visitForRules,
  type MenuForRules,
  type OrderVerdict,
  type RuleViolation,
  type VisitForRules,
  violationGroupId,
} from '@hiorder/domain/ordering/order-rules';
import type { OrderDto, OrderPlace } from '@hiorder/domain/ordering/ordering.schemas';
import { localized, type Locale } from '@hiorder/domain/shared/locale';
import type { CartLine } from '../db/db';

export interface CartProblem {
  menuId: string;
  /** The cart line (index in cart order) an option problem belongs to; null for a menu's problem (all its lines). */
  line: number | null;
  code: RuleViolation['code'];
  message: string;
}

export interface CartCheck {
  verdict: OrderVerdict;
  problems: CartProblem[];
}

/** An order still in the outbox holds its quantities too: the server will count it once it arrives. */
export interface PendingPlacement {
  input: Pick<OrderPlace, 'lines'>;
}

/**
 * The visit as the rules see it from the tablet: the orders of this visit (paid mains unlock sides, held
 * quantities count against per-visit limits) and the placements still waiting in the outbox.
 */
export function visitOnTablet(menus: readonly MenuDto[], orders: readonly OrderDto[], pending: readonly PendingPlacement[]): VisitForRules {
  const courseOf = new Map(menus.map((m) => [m.id, m.course]));
  const pendingAsOrders = pending.map((p) => ({
    status: 'pending_payment',
    lines: p.input.lines.map((l) => ({ menuId: l.menuId, qty: l.qty, course: courseOf.get(l.menuId) ?? 'other' })),
  }));
  return visitForRules([...orders, ...pendingAsOrders]);
}

/** A menu as the rules see it on the tablet: with the option groups it offers (unknown group ids are skipped). */
export function menuForRules(menu: MenuDto, groups: ReadonlyMap<string, OptionGroupDto>): MenuForRules {
  return { ...menu, optionGroups: menu.optionGroupIds.flatMap((id) => groups.get(id) ?? []) };
}

/**
 * Runs the domain's ordering rules on the cart with what the tablet knows of the visit
 * (`visitOnTablet`). The server stays the authority; this only explains, before sending, what it would say.
 */
export function checkCart(
  cart: readonly CartLine[],
  menus: readonly MenuDto[],
  orders: readonly OrderDto[],
  pending: readonly PendingPlacement[],
  locale: Locale,
  optionGroups: readonly OptionGroupDto[] = [],
): CartCheck {
  const visit = visitOnTablet(menus, orders, pending);
  const byId = new Map<string, MenuDto>(menus.map((m) => [m.id, m]));
  const groups = new Map(optionGroups.map((g) => [g.id, g]));
  const rulesMenus = new Map<string, MenuForRules>(menus.map((m) => [m.id, menuForRules(m, groups)]));
  const verdict = evaluateOrder(cart, rulesMenus, visit);
  const problems = verdict.ok
    ? []
    : verdict.violations.map((v) => {
        const menu = byId.get(v.menuId);
        const name = menu ? localized(menu.name, locale) : locale === 'ko' ? '알 수 없는 메뉴' : 'Unknown menu';
        const groupId = violationGroupId(v);
        const group = groupId ? groups.get(groupId) : undefined;
        const line = 'line' in v ? v.line : null;
        return {
          menuId: v.menuId,
          line,
          code: v.code,
          message: describeViolation(v, name, locale, group ? localized(group.name, locale) : ''),
        };
      });
  return { verdict, problems };
}
