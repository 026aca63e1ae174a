import {
  CatalogDtoSchema,
  CatalogQuerySchema,
  CatalogSyncDtoSchema,
  CategoryCreateSchema,
  CategoryDtoSchema,
  CategoryUpdateSchema,
  MenuCreateSchema,
  MenuDtoSchema,
  MenuUpdateSchema,
  ReorderSchema,
} from '@hiorder/domain/catalog/catalog.schemas';
import { OptionGroupDtoSchema, OptionGroupInputSchema, OptionSoldOutSchema } from '@hiorder/domain/catalog/menu-options';
import { IdSchema } from '@hiorder/domain/shared/ids';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import type { ApiRouter } from '../http/api-router';
import { uploadedPhoto } from '../http/upload';
import {
  createCategory,
  deleteCategory,
  reorderCategories,
  updateCategory,
  createMenu,
  deleteMenu,
  duplicateMenu,
  reorderMenus,
  setMenuPhoto,
  setMenuSoldOut,
  updateMenu,
  createOptionGroup,
  deleteOptionGroup,
  listOptionGroups,
  replaceOptionGroup,
  setOptionSoldOut,
  storePhoto,
  readCatalog,
  syncCatalog,
} from '@hiorder/core/catalog';

const CategoryParams = z.strictObject({ categoryId: IdSchema });
const MenuParams = z.strictObject({ menuId: IdSchema });
const GroupParams = z.strictObject({ groupId: IdSchema });
const OptionParams = z.strictObject({ optionId: IdSchema });

export function catalogRoutes(api: ApiRouter, deps: AppDeps): void {
  const tag = 'catalog';
  const ctxOf = (em: Parameters<typeof createCategory>[0]['em'], actor: Parameters<typeof createCategory>[0]['actor']) => ({
    em,
    actor,
    now: deps.now(),
  });

  api.route(
    {
      method: 'get',
      path: '/api/catalog',
      summary: 'The catalog, unless the caller has this version',
      tag,
      roles: ['admin', 'staff', 'kitchen', 'table'],
      query: CatalogQuerySchema,
      response: CatalogSyncDtoSchema,
    },
    ({ em, actor, query }) => syncCatalog(em, actor, query.since),
  );
  api.route(
    {
      method: 'get',
      path: '/api/admin/catalog',
      summary: 'The catalog with hidden menus',
      tag,
      roles: ['admin', 'staff'],
      response: CatalogDtoSchema,
    },
    ({ em, actor }) => readCatalog(em, actor),
  );
  api.route(
    {
      method: 'post',
      path: '/api/categories',
      summary: 'Create a category',
      tag,
      roles: ['admin'],
      body: CategoryCreateSchema,
      response: CategoryDtoSchema,
      status: 201,
    },
    ({ em, actor, body }) => createCategory(ctxOf(em, actor), body),
  );
  api.route(
    {
      method: 'put',
      path: '/api/categories/order',
      summary: 'Reorder categories',
      tag,
      roles: ['admin'],
      body: ReorderSchema,
      response: z.array(CategoryDtoSchema),
    },
    ({ em, actor, body }) => reorderCategories(ctxOf(em, actor), body),
  );
  api.route(
    {
      method: 'patch',
      path: '/api/categories/:categoryId',
      summary: 'Rename a category or change its station',
      tag,
      roles: ['admin'],
      params: CategoryParams,
      body: CategoryUpdateSchema,
      response: CategoryDtoSchema,
    },
    ({ em, actor, params, body }) => updateCategory(ctxOf(em, actor), params.categoryId, body),
  );
  api.route(
    {
      method: 'delete',
      path: '/api/categories/:categoryId',
      summary: 'Delete an empty category',
      tag,
      roles: ['admin'],
      params: CategoryParams,
    },
    async ({ em, actor, params }) => {
      await deleteCategory(ctxOf(em, actor), params.categoryId);
      return undefined;
    },
  );
  api.route(
    {
      method: 'put',
      path: '/api/categories/:categoryId/menus/order',
      summary: "Reorder a category's menus",
      tag,
      roles: ['admin'],
      params: CategoryParams,
      body: ReorderSchema,
      response: z.array(MenuDtoSchema),
    },
    ({ em, actor, params, body }) => reorderMenus(ctxOf(em, actor), params.categoryId, body),
  );
  api.route(
    {
      method: 'post',
      path: '/api/menus',
      summary: 'Create a menu',
      tag,
      roles: ['admin'],
      body: MenuCreateSchema,
      response: MenuDtoSchema,
      status: 201,
    },
    ({ em, actor, body }) => createMenu(ctxOf(em, actor), body),
  );
  api.route(
    {
      method: 'patch',
      path: '/api/menus/:menuId',
      summary: 'Edit a menu (price, stock, sold out, hidden…)',
      tag,
      roles: ['admin'],
      params: MenuParams,
      body: MenuUpdateSchema,
      response: MenuDtoSchema,
    },
    ({ em, actor, params, body }) => updateMenu(ctxOf(em, actor), params.menuId, body),
  );
  api.route(
    {
      method: 'post',
      path: '/api/menus/:menuId/sold-out',
      summary: 'Mark a menu sold out or back from the board or the kitchen display (staff: when the store settings allow)',
      tag,
      roles: ['admin', 'staff', 'kitchen'],
      params: MenuParams,
      body: OptionSoldOutSchema,
      response: MenuDtoSchema,
    },
    ({ em, actor, params, body }) => setMenuSoldOut(ctxOf(em, actor), params.menuId, body.soldOut),
  );
  api.route(
    {
      method: 'post',
      path: '/api/menus/:menuId/duplicate',
      summary: 'Copy a menu (options, labels, photo) next to it, named "… (복사)" and hidden until the owner shows it',
      tag,
      roles: ['admin'],
      params: MenuParams,
      response: MenuDtoSchema,
      status: 201,
    },
    ({ em, actor, params }) => duplicateMenu(ctxOf(em, actor), params.menuId),
  );
  api.route(
    { method: 'delete', path: '/api/menus/:menuId', summary: 'Delete a menu', tag, roles: ['admin'], params: MenuParams },
    async ({ em, actor, params }) => {
      await deleteMenu(ctxOf(em, actor), params.menuId);
      return undefined;
    },
  );
  api.route(
    {
      method: 'get',
      path: '/api/option-groups',
      summary: "The store's option groups with their options",
      tag,
      roles: ['admin', 'staff'],
      response: z.array(OptionGroupDtoSchema),
    },
    ({ em, actor }) => listOptionGroups(em, actor.storeId),
  );
  api.route(
    {
      method: 'post',
      path: '/api/option-groups',
      summary: 'Create an option group (shared by the menus that list its id)',
      tag,
      roles: ['admin'],
      body: OptionGroupInputSchema,
      response: OptionGroupDtoSchema,
      status: 201,
    },
    ({ em, actor, body }) => createOptionGroup(ctxOf(em, actor), body),
  );
  api.route(
    {
      method: 'put',
      path: '/api/option-groups/:groupId',
      summary: 'Replace an option group: name, min/max choices, its options in order',
      tag,
      roles: ['admin'],
      params: GroupParams,
      body: OptionGroupInputSchema,
      response: OptionGroupDtoSchema,
    },
    ({ em, actor, params, body }) => replaceOptionGroup(ctxOf(em, actor), params.groupId, body),
  );
  api.route(
    {
      method: 'delete',
      path: '/api/option-groups/:groupId',
      summary: 'Delete an option group (and detach it from its menus)',
      tag,
      roles: ['admin'],
      params: GroupParams,
    },
    async ({ em, actor, params }) => {
      await deleteOptionGroup(ctxOf(em, actor), params.groupId);
      return undefined;
    },
  );
  api.route(
    {
      method: 'patch',
      path: '/api/options/:optionId',
      summary: 'Mark one option sold out or back',
      tag,
      roles: ['admin', 'staff'],
      params: OptionParams,
      body: OptionSoldOutSchema,
      response: OptionGroupDtoSchema,
    },
    ({ em, actor, params, body }) => setOptionSoldOut(ctxOf(em, actor), params.optionId, body.soldOut),
  );
  api.route(
    {
      method: 'post',
      path: '/api/menus/:menuId/photo',
      summary: 'Upload a menu photo (multipart field "photo": JPEG, PNG or WebP, at most 2 MB)',
      tag,
      roles: ['admin'],
      params: MenuParams,
      response: MenuDtoSchema,
    },
    async ({ ctx, em, actor, params }) => {
      const stored = await storePhoto(deps.photosDir, params.menuId.slice(-12), await uploadedPhoto(ctx, 'photo'));
      return setMenuPhoto(ctxOf(em, actor), params.menuId, stored);
    },
  );
}
