/**
 * The scoring of recommendations, pure (documented in `workers/README.md`).
 *
 * Popular now: each ordered quantity weighs `2^((t − epoch) / halfLife)` (t = payment time), so a sum of weights
 * decays by half every `HALF_LIFE_MS` when divided by the weight of now. Scores are kept per store-local hour of
 * the day and read with `hourAffinity`, so lunch favourites lead at lunch.
 *
 * Goes well with: cosine similarity of visit baskets, `n(A,B) / sqrt(n(A) · n(B))`, counted only from
 * `MIN_PAIR_SUPPORT` shared visits up, summed over the cart's menus.
 */

/** Popularity halves every week. */
export const HALF_LIFE_MS = 7 * 24 * 3600 * 1000;
/**
 * Weights are relative to this instant. A double holds 2^1023, so weights stay finite for ~1000 half-lives
 * (about 19 years) after it; moving the epoch later is one `update … set score = score * k`.
 */
export const POPULARITY_EPOCH_MS = Date.UTC(2025, 0, 1);
/** A pair needs this many shared visits before it is recommended (one visit proves nothing). */
export const MIN_PAIR_SUPPORT = 2;
/** Below this, a decayed popularity counts as none (a store whose history faded is cold again). */
export const MIN_POPULARITY = 0.05;

/** The stored weight of one item ordered at `at`. */
export function decayedWeight(at: Date): number {
  return 2 ** ((at.getTime() - POPULARITY_EPOCH_MS) / HALF_LIFE_MS);
}

/** A stored score read at `now`: what it is worth today, in items. */
export function scoreAt(stored: number, now: Date): number {
  return stored / decayedWeight(now);
}

/** How much orders of hour-of-day `hour` count at hour `now`: 1, then halving per hour away, at least 0.1. */
export function hourAffinity(hour: number, nowHour: number): number {
  const d = Math.abs(hour - nowHour);
  const distance = Math.min(d, 24 - d);
  return Math.max(0.1, 2 ** -distance);
}

/** Cosine similarity of two menus from their shared and single visit counts; 0 below the minimum support. */
export function pairScore(shared: number, visitsA: number, visitsB: number): number {
  if (shared < MIN_PAIR_SUPPORT || visitsA <= 0 || visitsB <= 0) return 0;
  return shared / Math.sqrt(visitsA * visitsB);
}
