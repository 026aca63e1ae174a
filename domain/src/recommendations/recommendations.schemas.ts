import { z } from 'zod';
import { IdSchema } from '../shared/ids';
import { LIMITS } from '../shared/limits';

/** How many menus each recommendation list holds at most. */
export const RECOMMENDATION_LIST_SIZE = 6;

/**
 * `GET /api/recommendations?menuIds=a,b`: `menuIds` is the cart (comma-separated, optional), the menus
 * "goes well with" pairs against. `VALIDATION_FAILED` on a bad id or more ids than an order may have lines.
 */
export const RecommendationsQuerySchema = z.strictObject({
  menuIds: z
    .string()
    .optional()
    .transform((s) =>
      s
        ? [
            ...new Set(
              s
                .split(',')
                .map((id) => id.trim())
                .filter(Boolean),
            ),
          ]
        : [],
    )
    .pipe(z.array(IdSchema).max(LIMITS.maxLinesPerOrder)),
});
export type RecommendationsQuery = z.infer<typeof RecommendationsQuerySchema>;

/**
 * What the tablet shows: "popular now" and "goes well with" the cart, best first. Both only hold menus a guest
 * can order now (never sold out, hidden or out of stock, never already in the cart for `pairsWith`); on a
 * store without order history both fall back to the menus the owner flagged `recommended`.
 */
export const RecommendationsDtoSchema = z.object({
  popular: z.array(IdSchema),
  pairsWith: z.array(IdSchema),
});
export type RecommendationsDto = z.infer<typeof RecommendationsDtoSchema>;
