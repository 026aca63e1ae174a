import { z } from 'zod';
import { IdSchema } from '../shared/ids';

/**
 * The attract screen: what a tablet shows between guests, after it has been left alone for a while. The owner
 * chooses in the admin app whether it is on, after how long, and what it shows (event images and chosen menus,
 * with a title and a message in Korean and English). It travels with the catalog (`CatalogDto.attract`), so a
 * tablet keeps it offline with the menus and gets a change through the catalog version like any menu edit.
 */

/** Bounds of the idle time: shorter than 10 s would cover the menu of a guest still reading it. */
export const ATTRACT_IDLE_SECONDS = { min: 10, max: 30 * 60 } as const;
/** At most this many slides: enough for a few events, few enough that the next guest sees each one. */
export const MAX_ATTRACT_SLIDES = 8;
/** How long a slide stays before the next one (when motion is allowed). */
export const ATTRACT_SLIDE_MS = 7000;

const text = (max: number) =>
  z.strictObject({
    ko: z.string().trim().max(max).default(''),
    en: z.string().trim().max(max).default(''),
  });
const TitleSchema = text(60);
const MessageSchema = text(200);

/** Where an uploaded attract image is served: a file name the server made (`attract-…`), never the client's. */
export const AttractImageUrlSchema = z.string().regex(/^\/photos\/attract-[a-z0-9-]{1,80}\.(jpg|png|webp)$/);

/**
 * One slide: a menu of the store (its photo, name and price, as the tablet's catalog has them: a menu that is
 * hidden or deleted later is skipped), or an uploaded event image with a caption, which is also its text
 * alternative.
 */
export const AttractSlideSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('menu'), menuId: IdSchema }),
  z.strictObject({ kind: z.literal('image'), imageUrl: AttractImageUrlSchema, caption: MessageSchema }),
]);
export type AttractSlide = z.infer<typeof AttractSlideSchema>;

/**
 * `GET`/`PUT /api/store/attract-screen` and `CatalogDto.attract`. `enabled: false`: the tablet never covers the
 * menu (it still resets the browsing after `idleSeconds` for the next guest). An empty title or message falls back
 * to the tablet's own "touch to order". A `PUT` may keep, reorder, re-caption or drop the image slides it got from
 * an upload (`POST /api/store/attract-screen/images`), never name another file.
 */
export const AttractScreenSchema = z.strictObject({
  enabled: z.boolean(),
  idleSeconds: z.number().int().min(ATTRACT_IDLE_SECONDS.min).max(ATTRACT_IDLE_SECONDS.max),
  title: TitleSchema,
  message: MessageSchema,
  slides: z.array(AttractSlideSchema).max(MAX_ATTRACT_SLIDES),
});
export type AttractScreen = z.infer<typeof AttractScreenSchema>;

/** A store that never set it: on after two minutes, the plain "touch to order" screen. */
export const DEFAULT_ATTRACT_SCREEN: AttractScreen = {
  enabled: true,
  idleSeconds: 120,
  title: { ko: '', en: '' },
  message: { ko: '', en: '' },
  slides: [],
};
