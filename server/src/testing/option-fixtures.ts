import type { OptionGroupDto } from '@hiorder/domain/catalog/menu-options';
import { newId } from '@hiorder/domain/shared/ids';
import { presentOptionGroup, MenuOption, Menu, OptionGroup } from '@hiorder/core/catalog';
import type { StoreFixture, TestApp } from './test-app';

export interface OptionSpec {
  name: string;
  priceDelta?: number;
  soldOut?: boolean;
}

/**
 * An option group of the store, built through the ORM and offered with the given menus (appended to their
 * groups): the factory for option tests, never the demo seed.
 */
export async function buildOptionGroup(
  app: TestApp,
  store: Pick<StoreFixture, 'storeId'>,
  spec: { name: string; minChoices: number; maxChoices: number; options: OptionSpec[]; menuIds: readonly string[] },
): Promise<OptionGroupDto> {
  const now = new Date();
  return app.em().transactional(async (tx) => {
    const group = tx.create(OptionGroup, {
      id: newId(),
      store: store.storeId,
      name: { ko: spec.name, en: spec.name },
      minChoices: spec.minChoices,
      maxChoices: spec.maxChoices,
      deletedAt: null,
      createdAt: now,
      updatedAt: now,
    });
    const options = spec.options.map((o, position) =>
      tx.create(MenuOption, {
        id: newId(),
        group,
        storeId: store.storeId,
        name: { ko: o.name, en: o.name },
        priceDelta: o.priceDelta ?? 0,
        soldOut: o.soldOut ?? false,
        position,
      }),
    );
    for (const menu of await tx.find(Menu, { id: { $in: [...spec.menuIds] } })) menu.optionGroupIds = [...menu.optionGroupIds, group.id];
    return presentOptionGroup(group, options);
  });
}
