import { Store } from '../identity/store.entity';
import { storeSettingsOf } from '../identity/store-settings';
import type { MenuCreate, MenuDto, MenuUpdate, Reorder } from '@hiorder/domain/catalog/catalog.schemas';
import { DomainError } from '@hiorder/domain/shared/errors';
import { LIMITS } from '@hiorder/domain/shared/limits';
import { newId } from '@hiorder/domain/shared/ids';
import type { EntityManager } from '../db/orm';
import { recordEvent } from '../outbox/record-event';
import { bumpCatalogVersion } from './catalog.repository';
import { presentMenu } from './catalog.presenter';
import { Category } from './category.entity';
import { loadCategory } from './catalog-command-context';
import { Menu } from './menu.entity';
import { assertStoreGroups } from './option-group-commands';
import type { CommandContext } from '../command-context';

/**
 * Menu commands (admin). Each bumps the catalog version and records `catalog.changed`; a change of stock or
 * sold-out also records `stock.changed`, which tablets apply at once.
 */
async function recordChange(em: EntityManager, ctx: CommandContext, menu: Menu, stockChanged: boolean): Promise<void> {
  const version = await bumpCatalogVersion(em, ctx.actor.storeId);
  const storeId = ctx.actor.storeId;
  recordEvent(em, { type: 'catalog.changed', storeId, aggregateId: storeId, payload: { version, menuIds: [menu.id] }, now: ctx.now });
  if (stockChanged) {
    recordEvent(em, {
      type: 'stock.changed',
      storeId,
      aggregateId: storeId,
      payload: { version, menus: [{ menuId: menu.id, stock: menu.stock, soldOut: menu.soldOut || menu.deletedAt !== null }] },
      now: ctx.now,
    });
  }
}

async function loadMenu(em: EntityManager, ctx: CommandContext, id: string): Promise<Menu> {
  const menu = await em.findOne(Menu, { id, store: ctx.actor.storeId, deletedAt: null });
  if (!menu) throw new DomainError('NOT_FOUND', 'No such menu in this store.');
  return menu;
}

/** Throws `NOT_FOUND` for a category or an option group of another store. */
export async function createMenu(ctx: CommandContext, input: MenuCreate): Promise<MenuDto> {
  return ctx.em.transactional(async (em) => {
    const category = await loadCategory(em, ctx, input.categoryId);
    await assertStoreGroups(em, ctx, input.optionGroupIds);
    const last = await em.findOne(Menu, { category: category.id }, { orderBy: { position: 'desc' } });
    const menu = em.create(Menu, {
      id: newId(),
      store: ctx.actor.storeId,
      category,
      nameKo: input.name.ko,
      nameEn: input.name.en,
      descriptionKo: input.description.ko,
      descriptionEn: input.description.en,
      price: input.price,
      photoFile: null,
      course: input.course,
      stock: input.stock,
      limitPerVisit: input.limitPerVisit,
      soldOut: input.soldOut,
      hidden: input.hidden,
      recommended: input.recommended,
      position: (last?.position ?? 0) + 1,
      optionGroupIds: input.optionGroupIds,
      labels: input.labels,
      deletedAt: null,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    await recordChange(em, ctx, menu, false);
    return presentMenu(menu);
  });
}

/**
 * Edits a menu. Setting `stock` replaces the count (a restock); concurrent orders keep their conditional
 * decrement, so the stock never goes below zero. Throws `NOT_FOUND`.
 */
export async function updateMenu(ctx: CommandContext, id: string, input: MenuUpdate): Promise<MenuDto> {
  return ctx.em.transactional(async (em) => {
    const menu = await loadMenu(em, ctx, id);
    if (input.categoryId !== undefined)
      menu.category = em.getReference(Category, (await loadCategory(em, ctx, input.categoryId)).id) as never;
    if (input.name) {
      menu.nameKo = input.name.ko;
      menu.nameEn = input.name.en;
    }
    if (input.description) {
      menu.descriptionKo = input.description.ko;
      menu.descriptionEn = input.description.en;
    }
    if (input.price !== undefined) menu.price = input.price;
    if (input.course !== undefined) menu.course = input.course;
    if (input.limitPerVisit !== undefined) menu.limitPerVisit = input.limitPerVisit;
    if (input.hidden !== undefined) menu.hidden = input.hidden;
    if (input.recommended !== undefined) menu.recommended = input.recommended;
    if (input.labels !== undefined) menu.labels = input.labels;
    if (input.optionGroupIds !== undefined) {
      await assertStoreGroups(em, ctx, input.optionGroupIds);
      menu.optionGroupIds = input.optionGroupIds;
    }
    const stockChanged =
      (input.stock !== undefined && input.stock !== menu.stock) ||
      (input.soldOut !== undefined && input.soldOut !== menu.soldOut) ||
      input.hidden !== undefined;
    if (input.soldOut !== undefined) menu.soldOut = input.soldOut;
    if (input.stock !== undefined) menu.stock = input.stock;
    menu.updatedAt = ctx.now;
    await recordChange(em, ctx, menu, stockChanged);
    return presentMenu(menu);
  });
}

/**
 * Marks a menu sold out or back from the board or the kitchen display. Admins always may; staff and kitchen displays
 * only while the store's settings allow it (`staffMaySetSoldOut`, on by default). Tablets get the change at once
 * (`stock.changed`). Throws `NOT_FOUND`, `FORBIDDEN` (the owner turned it off).
 */
export async function setMenuSoldOut(ctx: CommandContext, id: string, soldOut: boolean): Promise<MenuDto> {
  if (!(ctx.actor.kind === 'staff' && ctx.actor.role === 'admin')) {
    const store = await ctx.em.findOneOrFail(Store, { id: ctx.actor.storeId });
    if (!storeSettingsOf(store).staffMaySetSoldOut)
      throw new DomainError('FORBIDDEN', 'Only the owner may mark menus sold out in this store (store settings).');
  }
  return updateMenu(ctx, id, { soldOut });
}

/** Removes a menu from the catalog (kept for past orders' history). Throws `NOT_FOUND`. */
export async function deleteMenu(ctx: CommandContext, id: string): Promise<void> {
  await ctx.em.transactional(async (em) => {
    const menu = await loadMenu(em, ctx, id);
    menu.deletedAt = ctx.now;
    await recordChange(em, ctx, menu, true);
  });
}

/** Sets the order of one category's menus. Throws `NOT_FOUND`, `VALIDATION_FAILED`. */
export async function reorderMenus(ctx: CommandContext, categoryId: string, input: Reorder): Promise<MenuDto[]> {
  return ctx.em.transactional(async (em) => {
    const category = await loadCategory(em, ctx, categoryId);
    const menus = await em.find(Menu, { category: category.id, deletedAt: null });
    const ids = new Set(menus.map((m) => m.id));
    if (input.ids.length !== ids.size || !input.ids.every((id) => ids.has(id)) || new Set(input.ids).size !== ids.size) {
      throw new DomainError('VALIDATION_FAILED', 'Send every menu of the category exactly once.');
    }
    for (const menu of menus) menu.position = input.ids.indexOf(menu.id) + 1;
    const version = await bumpCatalogVersion(em, ctx.actor.storeId);
    recordEvent(em, {
      type: 'catalog.changed',
      storeId: ctx.actor.storeId,
      aggregateId: ctx.actor.storeId,
      payload: { version, menuIds: [...ids] },
      now: ctx.now,
    });
    return menus.sort((a, b) => a.position - b.position).map(presentMenu);
  });
}

/** What a copy's Korean name ends with; the English name gets " (copy)". */
export const COPY_SUFFIX = { ko: ' (복사)', en: ' (copy)' } as const;

/** A name with a suffix, the name cut so the whole stays within the length a menu name may have. */
function copyName(name: string, suffix: string): string {
  return name ? `${[...name].slice(0, LIMITS.maxNameLength - suffix.length).join('')}${suffix}` : '';
}

/**
 * Duplicates a menu right after itself in its category: names with " (복사)", description, price, course, options,
 * labels, limits and the photo (the same stored file: menu photos are never deleted, so sharing it is safe). The
 * copy starts hidden, so tablets don't show a half-edited dish; it is not recommended until the owner says so.
 * Throws `NOT_FOUND`.
 */
export async function duplicateMenu(ctx: CommandContext, id: string): Promise<MenuDto> {
  return ctx.em.transactional(async (em) => {
    const source = await loadMenu(em, ctx, id);
    const after = await em.find(Menu, { category: source.category.id, position: { $gt: source.position } });
    for (const m of after) m.position += 1;
    const menu = em.create(Menu, {
      id: newId(),
      store: ctx.actor.storeId,
      category: source.category,
      nameKo: copyName(source.nameKo, COPY_SUFFIX.ko),
      nameEn: copyName(source.nameEn, COPY_SUFFIX.en),
      descriptionKo: source.descriptionKo,
      descriptionEn: source.descriptionEn,
      price: source.price,
      photoFile: source.photoFile,
      course: source.course,
      stock: source.stock,
      limitPerVisit: source.limitPerVisit,
      soldOut: source.soldOut,
      hidden: true,
      recommended: false,
      position: source.position + 1,
      optionGroupIds: [...source.optionGroupIds],
      labels: { ...source.labels, allergens: [...source.labels.allergens] },
      deletedAt: null,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    await recordChange(em, ctx, menu, false);
    return presentMenu(menu);
  });
}

/** Points a menu at its newly stored photo file. Throws `NOT_FOUND`. */
export async function setMenuPhoto(ctx: CommandContext, id: string, photoFile: string): Promise<MenuDto> {
  return ctx.em.transactional(async (em) => {
    const menu = await loadMenu(em, ctx, id);
    menu.photoFile = photoFile;
    menu.updatedAt = ctx.now;
    await recordChange(em, ctx, menu, false);
    return presentMenu(menu);
  });
}
