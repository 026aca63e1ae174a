import { describe, expect, it } from 'vitest';
import { buildMenu } from '../test/fixtures';
import { explainRefusal } from './CheckoutScreen';

const galbi = buildMenu({ name: { ko: '갈비', en: 'Galbi' } });
const menus = new Map([[galbi.id, galbi]]);

describe('explainRefusal', () => {
  it('names the line the server refused, in the guest language', () => {
    const error = {
      code: 'OUT_OF_STOCK' as const,
      message: 'Galbi: only 1 left.',
      details: { violations: [{ code: 'OUT_OF_STOCK', menuId: galbi.id, requested: 3, available: 1 }] },
    };
    expect(explainRefusal(error, menus, 'ko')).toEqual(['갈비: 남은 수량이 1개입니다.']);
    expect(explainRefusal(error, menus, 'en')).toEqual(['Only 1 left of Galbi.']);
  });

  it('falls back on the server message when there are no violations', () => {
    expect(explainRefusal({ code: 'VALIDATION_FAILED', message: 'bad input' }, menus, 'ko')).toEqual(['bad input']);
  });
});
