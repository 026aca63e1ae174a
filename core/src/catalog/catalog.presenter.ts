import type { CategoryDto, MenuDto } from '@hiorder/domain/catalog/catalog.schemas';
import type { Category } from './category.entity';
import type { Menu } from './menu.entity';

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
  };
}
