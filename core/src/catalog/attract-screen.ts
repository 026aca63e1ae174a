import {
  AttractScreenSchema,
  DEFAULT_ATTRACT_SCREEN,
  MAX_ATTRACT_SLIDES,
  type AttractScreen,
  type AttractSlide,
} from '@hiorder/domain/catalog/attract-screen';
import { DomainError } from '@hiorder/domain/shared/errors';
import type { EntityManager } from '../db/orm';
import { Store } from '../identity/store.entity';
import { photoUrl } from './catalog.presenter';
import { recordCatalogChanged } from './catalog-command-context';
import { Menu } from './menu.entity';
import type { CommandContext } from '../command-context';

/**
 * The owner's attract screen (what an idle tablet shows). Stored as one JSON document on the store; a store that
 * never set it (or a document an older version wrote that no longer parses) gets the default. Every change bumps
 * the catalog version and records `catalog.changed`, because tablets keep it with the catalog.
 */
export function presentAttractScreen(stored: unknown): AttractScreen {
  if (stored === null || stored === undefined) return DEFAULT_ATTRACT_SCREEN;
  const parsed = AttractScreenSchema.safeParse(stored);
  return parsed.success ? parsed.data : DEFAULT_ATTRACT_SCREEN;
}

export async function readAttractScreen(em: EntityManager, storeId: string): Promise<AttractScreen> {
  const store = await em.findOneOrFail(Store, { id: storeId }, { fields: ['attractScreen'] });
  return presentAttractScreen(store.attractScreen);
}

function imageUrls(screen: AttractScreen): Set<string> {
  return new Set(screen.slides.flatMap((s) => (s.kind === 'image' ? [s.imageUrl] : [])));
}

/**
 * The owner sets the attract screen. Menu slides must name live menus of the store; image slides only the images
 * uploaded for it (so nobody points a tablet at another file). Returns the images it no longer shows, for the
 * caller to delete after the commit. Throws `NOT_FOUND` (a menu of another store, or deleted),
 * `VALIDATION_FAILED` (an image that was not uploaded here, or a slide twice).
 */
export async function updateAttractScreen(
  ctx: CommandContext,
  input: AttractScreen,
): Promise<{ screen: AttractScreen; removedImages: string[] }> {
  return ctx.em.transactional(async (em) => {
    const store = await em.findOneOrFail(Store, { id: ctx.actor.storeId });
    const before = presentAttractScreen(store.attractScreen);
    const known = imageUrls(before);
    const keys = input.slides.map((s) => (s.kind === 'menu' ? `menu:${s.menuId}` : `image:${s.imageUrl}`));
    if (new Set(keys).size !== keys.length) throw new DomainError('VALIDATION_FAILED', 'A slide is listed twice.');
    const stranger = input.slides.find((s) => s.kind === 'image' && !known.has(s.imageUrl));
    if (stranger) throw new DomainError('VALIDATION_FAILED', 'Upload an image before showing it on the attract screen.');
    const menuIds = input.slides.flatMap((s) => (s.kind === 'menu' ? [s.menuId] : []));
    if (menuIds.length > 0) {
      const found = await em.count(Menu, { id: { $in: menuIds }, store: ctx.actor.storeId, deletedAt: null });
      if (found !== menuIds.length) throw new DomainError('NOT_FOUND', 'No such menu in this store.');
    }
    store.attractScreen = input;
    await recordCatalogChanged(em, ctx, []);
    const kept = imageUrls(input);
    return { screen: input, removedImages: [...known].filter((url) => !kept.has(url)) };
  });
}

/**
 * Adds an uploaded event image (already stored as `file`) as the last slide, with an empty caption the owner
 * fills in next. Throws `CONFLICT` when the screen already has `MAX_ATTRACT_SLIDES` slides.
 */
export async function addAttractImage(ctx: CommandContext, file: string): Promise<AttractScreen> {
  return ctx.em.transactional(async (em) => {
    const store = await em.findOneOrFail(Store, { id: ctx.actor.storeId });
    const before = presentAttractScreen(store.attractScreen);
    if (before.slides.length >= MAX_ATTRACT_SLIDES) {
      throw new DomainError('CONFLICT', `The attract screen shows at most ${MAX_ATTRACT_SLIDES} slides: remove one first.`);
    }
    const slide: AttractSlide = { kind: 'image', imageUrl: photoUrl(file) ?? '', caption: { ko: '', en: '' } };
    const screen: AttractScreen = { ...before, slides: [...before.slides, slide] };
    store.attractScreen = screen;
    await recordCatalogChanged(em, ctx, []);
    return screen;
  });
}
