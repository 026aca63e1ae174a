import { describe, expect, it } from 'vitest';
import { avoidedAllergensIn, filterByAllergens, parseAvoidList } from './allergen-filter';
import type { Allergen } from './menu-labels';

const dish = (id: string, allergens: Allergen[]) => ({ id, labels: { allergens } });

describe('avoidedAllergensIn', () => {
  it('names the avoided allergens a dish is labelled with, in the regulation’s order', () => {
    expect(avoidedAllergensIn({ allergens: ['pork', 'wheat', 'soybean'] }, ['pork', 'soybean', 'peanut'])).toEqual(['soybean', 'pork']);
  });

  it('is empty when nothing is avoided or nothing avoided is in the dish', () => {
    expect(avoidedAllergensIn({ allergens: ['pork'] }, [])).toEqual([]);
    expect(avoidedAllergensIn({ allergens: ['pork'] }, ['beef'])).toEqual([]);
    expect(avoidedAllergensIn({ allergens: [] }, ['beef'])).toEqual([]);
  });
});

describe('filterByAllergens', () => {
  const menus = [
    dish('bulgogi', ['soybean', 'wheat', 'beef']),
    dish('rice', []),
    dish('pajeon', ['egg', 'wheat', 'squid']),
    dish('cider', []),
  ];

  it('sets aside every dish with an avoided allergen and keeps the others in their order', () => {
    const { shown, setAside } = filterByAllergens(menus, ['wheat']);
    expect(shown.map((m) => m.id)).toEqual(['rice', 'cider']);
    expect(setAside.map((m) => m.id)).toEqual(['bulgogi', 'pajeon']);
  });

  it('sets aside a dish for any one of several avoided allergens', () => {
    expect(filterByAllergens(menus, ['beef', 'squid']).shown.map((m) => m.id)).toEqual(['rice', 'cider']);
    expect(filterByAllergens(menus, ['egg']).shown.map((m) => m.id)).toEqual(['bulgogi', 'rice', 'cider']);
  });

  it('shows everything without a filter, and dishes labelled with no allergen under any filter', () => {
    expect(filterByAllergens(menus, []).setAside).toEqual([]);
    expect(filterByAllergens(menus, ['egg', 'milk', 'wheat', 'soybean', 'beef', 'squid']).shown.map((m) => m.id)).toEqual([
      'rice',
      'cider',
    ]);
  });
});

describe('parseAvoidList', () => {
  it('keeps known allergens once, in the regulation’s order', () => {
    expect(parseAvoidList(['pork', 'egg', 'pork'])).toEqual(['egg', 'pork']);
  });

  it('drops unknown names and reads anything but a list as no filter', () => {
    expect(parseAvoidList(['egg', 'gluten', 3, null])).toEqual(['egg']);
    expect(parseAvoidList('egg')).toEqual([]);
    expect(parseAvoidList(null)).toEqual([]);
    expect(parseAvoidList({ 0: 'egg' })).toEqual([]);
  });
});
