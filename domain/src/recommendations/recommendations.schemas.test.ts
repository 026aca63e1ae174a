import { describe, expect, it } from 'vitest';
import { ID } from '../testing/fixtures';
import { RecommendationsQuerySchema } from './recommendations.schemas';

describe('RecommendationsQuerySchema', () => {
  it('reads the cart as distinct trimmed ids, none when absent or empty', () => {
    expect(RecommendationsQuerySchema.parse({})).toEqual({ menuIds: [] });
    expect(RecommendationsQuerySchema.parse({ menuIds: '' })).toEqual({ menuIds: [] });
    expect(RecommendationsQuerySchema.parse({ menuIds: ` ${ID.menu}, ${ID.other},,${ID.menu}` })).toEqual({ menuIds: [ID.menu, ID.other] });
  });

  it('refuses a bad id and more ids than an order may have lines', () => {
    expect(RecommendationsQuerySchema.safeParse({ menuIds: 'x' }).success).toBe(false);
    const many = Array.from({ length: 31 }, (_, i) => `01900000-0000-7000-8000-0000000001${String(i).padStart(2, '0')}`);
    expect(RecommendationsQuerySchema.safeParse({ menuIds: many.slice(0, 30).join(',') }).success).toBe(true);
    expect(RecommendationsQuerySchema.safeParse({ menuIds: many.join(',') }).success).toBe(false);
  });
});
