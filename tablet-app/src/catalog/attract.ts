import type { AttractScreen } from '@hiorder/domain/catalog/attract-screen';
import { isOrderable, type MenuDto } from '@hiorder/domain/catalog/catalog.schemas';
import { localized, type Locale } from '@hiorder/domain/shared/locale';
import { formatWon } from '@hiorder/domain/shared/money';

/** A slide as the tablet shows it: a picture (or none), its text, which is also the picture's text alternative. */
export interface ShownSlide {
  key: string;
  imageUrl: string | null;
  caption: string;
  /** The menu's price, for a menu slide. */
  price: string | null;
}

/**
 * What the attract screen shows, from the owner's slides and the tablet's own catalog: a menu slide shows the
 * menu as the catalog has it now, and is skipped when the menu is gone, hidden or can't be ordered (an idle tablet
 * never advertises what the guest would then be refused).
 */
export function slidesToShow(screen: AttractScreen, menus: ReadonlyMap<string, MenuDto>, locale: Locale): ShownSlide[] {
  return screen.slides.flatMap((slide): ShownSlide[] => {
    if (slide.kind === 'image') {
      return [{ key: slide.imageUrl, imageUrl: slide.imageUrl, caption: localized(slide.caption, locale), price: null }];
    }
    const menu = menus.get(slide.menuId);
    if (!menu || !isOrderable(menu)) return [];
    return [{ key: menu.id, imageUrl: menu.photoUrl, caption: localized(menu.name, locale), price: formatWon(menu.price, locale) }];
  });
}

/** The owner's title or message in `locale`, the other language's when this one is empty. */
export function attractText(text: { ko: string; en: string }, locale: Locale): string {
  return text[locale] || text[locale === 'ko' ? 'en' : 'ko'];
}

/**
 * Asks for the attract screen's pictures once a catalog arrives, so the service worker's photo cache holds them
 * before the tablet is ever offline and idle. Best effort: a picture that fails now is fetched when shown.
 */
export function warmAttractImages(screen: AttractScreen, menus: readonly MenuDto[]): void {
  if (typeof fetch !== 'function' || typeof location === 'undefined') return;
  const byId = new Map(menus.map((m) => [m.id, m]));
  for (const slide of slidesToShow(screen, byId, 'ko')) {
    if (slide.imageUrl) void fetch(new URL(slide.imageUrl, location.origin)).catch(() => undefined);
  }
}
