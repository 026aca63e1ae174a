import { NO_LABELS } from '@hiorder/domain/catalog/menu-labels';
import type { CategoryDto, MenuDto } from '@hiorder/domain/catalog/catalog.schemas';
import type { OptionGroupDto } from '@hiorder/domain/catalog/menu-options';
import type { Category } from './category.entity';
import type { MenuOption } from './menu-option.entity';
import type { Menu } from './menu.entity';
import type { OptionGroup } from './option-group.entity';

export function presentCategory(category: Category): CategoryDto {
  return {
    id: category.id,
    name: { ko: category.nameKo, en: category.nameEn },
    position: category.position,
    station: category.station,
  };
}

export function photoUrl(file: string | null): string | null {
  return file ? `/photos/${file}` : null;
}

export function presentMenu(menu: Menu): MenuDto {
  return {
    id: menu.id,
    categoryId: menu.category.id,
    name: { ko: menu.nameKo, en: menu.nameEn },
    description: { ko: menu.descriptionKo, en: menu.descriptionEn },
    price: menu.price,
    photoUrl: photoUrl(menu.photoFile),
    course: menu.course,
    stock: menu.stock,
    limitPerVisit: menu.limitPerVisit,
    soldOut: menu.soldOut,
    hidden: menu.hidden,
    recommended: menu.recommended,
    position: menu.position,
    optionGroupIds: [...menu.optionGroupIds],
    // Rows from before labels hold `{}`: every field falls back to "none".
    labels: { ...NO_LABELS, ...menu.labels, allergens: [...(menu.labels.allergens ?? [])] },
  };
}

/** A group with its options (the group's own) in their order. */
export function presentOptionGroup(
  group: Pick<OptionGroup, 'id' | 'name' | 'minChoices' | 'maxChoices'>,
  options: readonly Pick<MenuOption, 'id' | 'name' | 'priceDelta' | 'soldOut' | 'position'>[],
): OptionGroupDto {
  return {
    id: group.id,
    name: { ko: group.name.ko, en: group.name.en },
    minChoices: group.minChoices,
    maxChoices: group.maxChoices,
    options: [...options]
      .sort((a, b) => a.position - b.position)
      .map((o) => ({ id: o.id, name: { ko: o.name.ko, en: o.name.en }, priceDelta: o.priceDelta, soldOut: o.soldOut })),
  };
}
