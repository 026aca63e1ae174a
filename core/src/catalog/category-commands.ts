import type { CategoryCreate, CategoryDto, CategoryUpdate, Reorder } from '@hiorder/domain/catalog/catalog.schemas';
import { DomainError } from '@hiorder/domain/shared/errors';
import { newId } from '@hiorder/domain/shared/ids';
import { presentCategory } from './catalog.presenter';
import { Category } from './category.entity';
import { loadCategory, recordCatalogChanged } from './catalog-command-context';
import { Menu } from './menu.entity';
import type { CommandContext } from '../command-context';

/** Category commands (admin). Each one bumps the catalog version and records `catalog.changed`. */
export async function createCategory(ctx: CommandContext, input: CategoryCreate): Promise<CategoryDto> {
  return ctx.em.transactional(async (em) => {
    const last = await em.findOne(Category, { store: ctx.actor.storeId }, { orderBy: { position: 'desc' } });
    const category = em.create(Category, {
      id: newId(),
      store: ctx.actor.storeId,
      nameKo: input.name.ko,
      nameEn: input.name.en,
      position: (last?.position ?? 0) + 1,
      station: input.station,
      createdAt: ctx.now,
    });
    await recordCatalogChanged(em, ctx, []);
    return presentCategory(category);
  });
}

/** Throws `NOT_FOUND`. */
export async function updateCategory(ctx: CommandContext, id: string, input: CategoryUpdate): Promise<CategoryDto> {
  return ctx.em.transactional(async (em) => {
    const category = await loadCategory(em, ctx, id);
    if (input.name) {
      category.nameKo = input.name.ko;
      category.nameEn = input.name.en;
    }
    if (input.station) category.station = input.station;
    await recordCatalogChanged(em, ctx, []);
    return presentCategory(category);
  });
}

/** Deletes an empty category. Throws `NOT_FOUND`, `CONFLICT` while it still holds menus. */
export async function deleteCategory(ctx: CommandContext, id: string): Promise<void> {
  await ctx.em.transactional(async (em) => {
    const category = await loadCategory(em, ctx, id);
    if (await em.count(Menu, { category: category.id, deletedAt: null })) {
      throw new DomainError('CONFLICT', 'This category still has menus: move or delete them first.');
    }
    const deletedMenus = await em.count(Menu, { category: category.id });
    if (deletedMenus > 0) {
      throw new DomainError('CONFLICT', 'This category is referenced by past orders and cannot be removed; rename it instead.');
    }
    em.remove(category);
    await recordCatalogChanged(em, ctx, []);
  });
}

/** Sets the order of the store's categories. Throws `VALIDATION_FAILED` unless `ids` is exactly the store's categories. */
export async function reorderCategories(ctx: CommandContext, input: Reorder): Promise<CategoryDto[]> {
  return ctx.em.transactional(async (em) => {
    const categories = await em.find(Category, { store: ctx.actor.storeId });
    const ids = new Set(categories.map((c) => c.id));
    if (input.ids.length !== ids.size || !input.ids.every((id) => ids.has(id)) || new Set(input.ids).size !== ids.size) {
      throw new DomainError('VALIDATION_FAILED', 'Send every category of the store exactly once.');
    }
    for (const category of categories) category.position = input.ids.indexOf(category.id) + 1;
    await recordCatalogChanged(em, ctx, []);
    return categories.sort((a, b) => a.position - b.position).map(presentCategory);
  });
}
