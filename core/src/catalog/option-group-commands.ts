import type { OptionGroupDto, OptionGroupInput } from '@hiorder/domain/catalog/menu-options';
import { DomainError } from '@hiorder/domain/shared/errors';
import { newId } from '@hiorder/domain/shared/ids';
import type { EntityManager } from '../db/orm';
import { recordEvent } from '../outbox/record-event';
import { bumpCatalogVersion } from './catalog.repository';
import { presentOptionGroup } from './catalog.presenter';
import { MenuOption } from './menu-option.entity';
import { Menu } from './menu.entity';
import { OptionGroup } from './option-group.entity';
import type { CommandContext } from '../command-context';

/**
 * Option group commands (admin; sold-out also staff). Each bumps the catalog version and records
 * `catalog.changed` naming the menus that offer the group, so tablets pull the new catalog.
 */

async function recordGroupChange(em: EntityManager, ctx: CommandContext, groupId: string): Promise<void> {
  const storeId = ctx.actor.storeId;
  const menus = await em.find(Menu, { store: storeId, deletedAt: null });
  const menuIds = menus.filter((m) => m.optionGroupIds.includes(groupId)).map((m) => m.id);
  const version = await bumpCatalogVersion(em, storeId);
  recordEvent(em, { type: 'catalog.changed', storeId, aggregateId: storeId, payload: { version, menuIds }, now: ctx.now });
}

async function loadGroup(em: EntityManager, ctx: CommandContext, id: string): Promise<OptionGroup> {
  const group = await em.findOne(OptionGroup, { id, store: ctx.actor.storeId, deletedAt: null });
  if (!group) throw new DomainError('NOT_FOUND', 'No such option group in this store.');
  return group;
}

/** The store's live option groups (admin editor), in creation order. */
export async function listOptionGroups(em: EntityManager, storeId: string, ids?: readonly string[]): Promise<OptionGroupDto[]> {
  if (ids && ids.length === 0) return [];
  const groups = await em.find(
    OptionGroup,
    { store: storeId, deletedAt: null, ...(ids ? { id: { $in: [...ids] } } : {}) },
    { orderBy: { createdAt: 'asc', id: 'asc' } },
  );
  if (groups.length === 0) return [];
  const options = await em.find(MenuOption, { group: { $in: groups.map((g) => g.id) } });
  return groups.map((g) =>
    presentOptionGroup(
      g,
      options.filter((o) => o.group.id === g.id),
    ),
  );
}

/** Creates an option group with its options. */
export async function createOptionGroup(ctx: CommandContext, input: OptionGroupInput): Promise<OptionGroupDto> {
  if (input.options.some((o) => o.id)) throw new DomainError('VALIDATION_FAILED', 'New options have no id.');
  return ctx.em.transactional(async (em) => {
    const group = em.create(OptionGroup, {
      id: newId(),
      store: ctx.actor.storeId,
      name: input.name,
      minChoices: input.minChoices,
      maxChoices: input.maxChoices,
      deletedAt: null,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    const options = input.options.map((o, position) =>
      em.create(MenuOption, {
        id: newId(),
        group,
        storeId: ctx.actor.storeId,
        name: o.name,
        priceDelta: o.priceDelta,
        soldOut: o.soldOut,
        position,
      }),
    );
    await recordGroupChange(em, ctx, group.id);
    return presentOptionGroup(group, options);
  });
}

/**
 * Replaces a group's name, choice bounds and options: listed options with an id are kept (renamed, repriced,
 * reordered), those without are created, the others removed. Order lines keep their snapshots. Throws
 * `NOT_FOUND` (group of another store, or an option id that is not this group's).
 */
export async function replaceOptionGroup(ctx: CommandContext, id: string, input: OptionGroupInput): Promise<OptionGroupDto> {
  return ctx.em.transactional(async (em) => {
    const group = await loadGroup(em, ctx, id);
    const existing = new Map((await em.find(MenuOption, { group: group.id })).map((o) => [o.id, o]));
    for (const o of input.options) {
      if (o.id && !existing.has(o.id)) throw new DomainError('NOT_FOUND', 'An option of the request is not one of this group’s.');
    }
    group.name = input.name;
    group.minChoices = input.minChoices;
    group.maxChoices = input.maxChoices;
    group.updatedAt = ctx.now;
    const kept = new Set(input.options.flatMap((o) => (o.id ? [o.id] : [])));
    for (const [optionId, option] of existing) if (!kept.has(optionId)) em.remove(option);
    const options = input.options.map((o, position) => {
      const option = o.id
        ? (existing.get(o.id) as MenuOption)
        : em.create(MenuOption, {
            id: newId(),
            group,
            storeId: ctx.actor.storeId,
            name: o.name,
            priceDelta: o.priceDelta,
            soldOut: o.soldOut,
            position,
          });
      Object.assign(option, { name: o.name, priceDelta: o.priceDelta, soldOut: o.soldOut, position });
      return option;
    });
    await recordGroupChange(em, ctx, group.id);
    return presentOptionGroup(group, options);
  });
}

/** Removes a group from the store and from every menu offering it. Throws `NOT_FOUND`. */
export async function deleteOptionGroup(ctx: CommandContext, id: string): Promise<void> {
  await ctx.em.transactional(async (em) => {
    const group = await loadGroup(em, ctx, id);
    group.deletedAt = ctx.now;
    await recordGroupChange(em, ctx, group.id);
    const menus = await em.find(Menu, { store: ctx.actor.storeId });
    for (const menu of menus) {
      if (menu.optionGroupIds.includes(id)) menu.optionGroupIds = menu.optionGroupIds.filter((g) => g !== id);
    }
  });
}

/**
 * Marks one option sold out or back (staff at the board or kitchen, or the owner). A placement that read the
 * option before commits first; one after sees it sold out (see `optionGroupsForPlacement`). Throws `NOT_FOUND`.
 */
export async function setOptionSoldOut(ctx: CommandContext, optionId: string, soldOut: boolean): Promise<OptionGroupDto> {
  return ctx.em.transactional(async (em) => {
    const option = await em.findOne(MenuOption, { id: optionId, storeId: ctx.actor.storeId });
    const group = option ? await em.findOne(OptionGroup, { id: option.group.id, deletedAt: null }) : null;
    if (!option || !group) throw new DomainError('NOT_FOUND', 'No such option in this store.');
    option.soldOut = soldOut;
    await recordGroupChange(em, ctx, group.id);
    return presentOptionGroup(group, await em.find(MenuOption, { group: group.id }));
  });
}

/** Checks that every id is a live option group of the actor's store (menus may only offer their store's groups). */
export async function assertStoreGroups(em: EntityManager, ctx: CommandContext, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const found = await em.count(OptionGroup, { id: { $in: [...ids] }, store: ctx.actor.storeId, deletedAt: null });
  if (found !== ids.length) throw new DomainError('NOT_FOUND', 'An option group of the request is not in this store.');
}
