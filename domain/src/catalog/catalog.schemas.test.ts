import { describe, expect, it } from 'vitest';
import { ID } from '../testing/fixtures';
import {
  CatalogQuerySchema,
  CategoryCreateSchema,
  isOrderable,
  MenuCreateSchema,
  MenuUpdateSchema,
  ReorderSchema,
} from './catalog.schemas';
import { ALLERGENS, MenuLabelsSchema, NO_LABELS } from './menu-labels';
import { cartLineKey, ChosenOptionIdsSchema, isRequiredGroup, OptionGroupInputSchema } from './menu-options';

const ok = (schema: { safeParse(v: unknown): { success: boolean } }, value: unknown) => schema.safeParse(value).success;

describe('isOrderable', () => {
  it('is false when sold out, hidden or out of counted stock; uncounted stock is always enough', () => {
    const menu = { soldOut: false, hidden: false, stock: null };
    expect(isOrderable(menu)).toBe(true);
    expect(isOrderable({ ...menu, stock: 1 })).toBe(true);
    expect(isOrderable({ ...menu, stock: 0 })).toBe(false);
    expect(isOrderable({ ...menu, soldOut: true })).toBe(false);
    expect(isOrderable({ ...menu, hidden: true })).toBe(false);
  });
});

describe('menu input', () => {
  const menu = { categoryId: ID.category, name: { ko: '불고기' }, price: 15000, course: 'main' };

  it('fills the defaults of a new menu', () => {
    expect(MenuCreateSchema.parse(menu)).toEqual({
      categoryId: ID.category,
      name: { ko: '불고기', en: '' },
      description: { ko: '', en: '' },
      price: 15000,
      course: 'main',
      stock: null,
      limitPerVisit: null,
      soldOut: false,
      hidden: false,
      recommended: false,
      optionGroupIds: [],
      labels: NO_LABELS,
    });
  });

  it('bounds stock, the per-visit limit and the attached groups', () => {
    expect(ok(MenuCreateSchema, { ...menu, stock: 0 })).toBe(true);
    expect(ok(MenuCreateSchema, { ...menu, stock: -1 })).toBe(false);
    expect(ok(MenuCreateSchema, { ...menu, stock: 1_000_001 })).toBe(false);
    expect(ok(MenuCreateSchema, { ...menu, limitPerVisit: 1 })).toBe(true);
    expect(ok(MenuCreateSchema, { ...menu, limitPerVisit: 0 })).toBe(false);
    expect(ok(MenuCreateSchema, { ...menu, limitPerVisit: 100 })).toBe(false);
    expect(ok(MenuCreateSchema, { ...menu, optionGroupIds: [ID.group, ID.group] })).toBe(false);
    expect(
      ok(MenuCreateSchema, { ...menu, optionGroupIds: Array.from({ length: 11 }, (_, i) => ID.group.slice(0, -2) + `${i + 10}`) }),
    ).toBe(false);
    expect(ok(MenuCreateSchema, { ...menu, course: 'dessert' })).toBe(false);
    for (const course of ['main', 'side', 'other']) expect(ok(MenuCreateSchema, { ...menu, course })).toBe(true);
  });

  it('changes only what an update names', () => {
    expect(MenuUpdateSchema.parse({ soldOut: true })).toEqual({ soldOut: true });
    expect(ok(MenuUpdateSchema, { stock: null })).toBe(true);
    expect(ok(MenuUpdateSchema, { price: -1 })).toBe(false);
    expect(ok(MenuUpdateSchema, { optionGroupIds: [ID.group, ID.group] })).toBe(false);
  });

  it('puts a new category in the kitchen unless it says bar, and reorders by a non-empty list', () => {
    expect(CategoryCreateSchema.parse({ name: { ko: '주류' } }).station).toBe('kitchen');
    expect(CategoryCreateSchema.parse({ name: { ko: '주류' }, station: 'bar' }).station).toBe('bar');
    expect(ok(ReorderSchema, { ids: [] })).toBe(false);
    expect(ok(ReorderSchema, { ids: [ID.menu] })).toBe(true);
    expect(CatalogQuerySchema.parse({ since: '12' })).toEqual({ since: 12 });
    expect(ok(CatalogQuerySchema, { since: '-1' })).toBe(false);
  });
});

describe('menu labels', () => {
  it('lists the 19 allergens of the regulation and refuses one listed twice', () => {
    expect(Object.keys(ALLERGENS)).toHaveLength(19);
    expect(MenuLabelsSchema.parse({})).toEqual(NO_LABELS);
    expect(MenuLabelsSchema.parse({ origin: ' 국내산 ', allergens: ['egg', 'pine_nut'], spicy: 3, isNew: true, best: true })).toEqual({
      origin: '국내산',
      allergens: ['egg', 'pine_nut'],
      spicy: 3,
      isNew: true,
      best: true,
    });
    expect(ok(MenuLabelsSchema, { allergens: ['egg', 'egg'] })).toBe(false);
    expect(ok(MenuLabelsSchema, { allergens: ['plutonium'] })).toBe(false);
    expect(ok(MenuLabelsSchema, { spicy: 4 })).toBe(false);
    expect(ok(MenuLabelsSchema, { spicy: -1 })).toBe(false);
    expect(ok(MenuLabelsSchema, { origin: 'a'.repeat(201) })).toBe(false);
  });
});

describe('option groups', () => {
  const option = (id?: string) => ({ ...(id ? { id } : {}), name: { ko: '곱빼기' }, priceDelta: 1000 });
  const group = { name: { ko: '양' }, minChoices: 1, maxChoices: 2, options: [option(), option()] };

  it('is required when at least one choice is', () => {
    expect(isRequiredGroup({ minChoices: 0 })).toBe(false);
    expect(isRequiredGroup({ minChoices: 1 })).toBe(true);
  });

  it('accepts a coherent group and defaults an option to available', () => {
    expect(OptionGroupInputSchema.parse(group).options[0]).toEqual({ name: { ko: '곱빼기', en: '' }, priceDelta: 1000, soldOut: false });
    expect(ok(OptionGroupInputSchema, { ...group, minChoices: 2, maxChoices: 2 })).toBe(true);
  });

  it('refuses min above max, more required choices than options, an option id twice, and no options', () => {
    const issues = (value: unknown) => {
      const parsed = OptionGroupInputSchema.safeParse(value);
      return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(issues({ ...group, minChoices: 3, maxChoices: 2 })).toContain('minChoices: minChoices must not exceed maxChoices');
    expect(issues({ ...group, minChoices: 3, maxChoices: 3 })).toEqual([
      'minChoices: a group cannot require more choices than it has options',
    ]);
    expect(issues({ ...group, options: [option(ID.option), option(ID.option)] })).toEqual(['options: an option id appears twice']);
    expect(issues({ ...group, options: [option(ID.option), option(ID.other), option()] })).toEqual([]);
    expect(issues({ ...group, minChoices: 0, options: [] })).not.toEqual([]);
    expect(issues({ ...group, maxChoices: 0, minChoices: 0 })).not.toEqual([]);
  });

  it('refuses an option chosen twice on one line', () => {
    expect(ok(ChosenOptionIdsSchema, [ID.option, ID.other])).toBe(true);
    expect(ok(ChosenOptionIdsSchema, [ID.option, ID.option])).toBe(false);
  });

  it('makes one cart line of the same menu, options in any order and note; another note is another line', () => {
    expect(cartLineKey('m', ['b', 'a'], ' 덜 맵게 ')).toBe(cartLineKey('m', ['a', 'b'], '덜 맵게'));
    expect(cartLineKey('m', ['a', 'b'])).toBe('m|a+b|');
    expect(cartLineKey('m', [], 'x')).not.toBe(cartLineKey('m', []));
    const ids = ['b', 'a'];
    cartLineKey('m', ids);
    expect(ids).toEqual(['b', 'a']);
  });
});
