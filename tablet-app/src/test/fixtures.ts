import { DEFAULT_ATTRACT_SCREEN } from '@hiorder/domain/catalog/attract-screen';
import { DEFAULT_STAFF_CALL_PRESETS } from '@hiorder/domain/ordering/staff-call.schemas';
import { NO_LABELS } from '@hiorder/domain/catalog/menu-labels';
import type { CatalogDto, MenuDto } from '@hiorder/domain/catalog/catalog.schemas';
import type { OrderDto } from '@hiorder/domain/ordering/ordering.schemas';
import { newId } from '@hiorder/domain/shared/ids';
import { cartLineKey } from '@hiorder/domain/catalog/menu-options';
import { db, type CartLine } from '../db/db';

export const STORE_ID = '0190b7a0-0000-7000-8000-000000000001';
export const CATEGORY_ID = '0190b7a0-0000-7000-8000-000000000002';

export function buildMenu(overrides: Partial<MenuDto> = {}): MenuDto {
  return {
    id: newId(),
    categoryId: CATEGORY_ID,
    name: { ko: '불고기', en: 'Bulgogi' },
    description: { ko: '', en: '' },
    price: 15000,
    photoUrl: null,
    course: 'main',
    stock: null,
    limitPerVisit: null,
    soldOut: false,
    hidden: false,
    recommended: false,
    position: 0,
    optionGroupIds: [],
    labels: NO_LABELS,
    ...overrides,
  };
}

export function buildCatalog(version: number, menus: MenuDto[], optionGroups: CatalogDto['optionGroups'] = []): CatalogDto {
  return {
    storeId: STORE_ID,
    version,
    categories: [{ id: CATEGORY_ID, name: { ko: '메인', en: 'Mains' }, position: 0, station: 'kitchen' }],
    menus,
    optionGroups,
    attract: DEFAULT_ATTRACT_SCREEN,
    staffCallPresets: [...DEFAULT_STAFF_CALL_PRESETS],
  };
}

export function buildOrder(menu: MenuDto, overrides: Partial<OrderDto> = {}): OrderDto {
  const id = newId();
  return {
    id,
    shortCode: id.slice(-4).toUpperCase(),
    storeId: STORE_ID,
    tableId: newId(),
    tableLabel: '1',
    visitId: '0190b7a0-0000-7000-8000-0000000000aa',
    status: 'paid',
    payment: 'done',
    lines: [
      {
        menuId: menu.id,
        categoryId: menu.categoryId,
        name: menu.name,
        course: menu.course,
        qty: 1,
        unitPrice: menu.price,
        lineTotal: menu.price,
        options: [],
        note: '',
        id: newId(),
        station: 'kitchen',
        readyAt: null,
        refundedQty: 0,
      },
    ],
    total: menu.price,
    note: '',
    createdAt: new Date(0).toISOString(),
    expiresAt: new Date(600_000).toISOString(),
    paidAt: null,
    paymentMethod: null,
    acceptedAt: null,
    servedAt: null,
    cancelledAt: null,
    cancelReason: null,
    refunded: 0,
    refunds: [],
    revision: 0,
    ...overrides,
  };
}

export async function resetDb(): Promise<void> {
  await Promise.all(db.tables.map((t) => t.clear()));
}

/** A cart line as `addToCart` writes it (no options unless given). */
export function buildCartLine(menuId: string, qty = 1, addedAt = 0, chosen: CartLine['chosen'] = [], note = ''): CartLine {
  const options = chosen.map((o) => o.optionId);
  return { key: cartLineKey(menuId, options, note), menuId, qty, options, chosen, note, addedAt };
}
