import { DEFAULT_ATTRACT_SCREEN, type AttractScreen } from '@hiorder/domain/catalog/attract-screen';
import { describe, expect, it } from 'vitest';
import { buildMenu } from '../test/fixtures';
import { attractText, slidesToShow } from './attract';

const bulgogi = buildMenu({ name: { ko: '불고기', en: 'Bulgogi' }, price: 15000, photoUrl: '/photos/bulgogi.jpg' });
const soldOut = buildMenu({ name: { ko: '냉면', en: 'Naengmyeon' }, soldOut: true });
const gone = buildMenu();
const menus = new Map([bulgogi, soldOut].map((m) => [m.id, m]));
const screen: AttractScreen = {
  ...DEFAULT_ATTRACT_SCREEN,
  slides: [
    { kind: 'image', imageUrl: '/photos/attract-a-1.png', caption: { ko: '봄 이벤트', en: 'Spring event' } },
    { kind: 'menu', menuId: soldOut.id },
    { kind: 'menu', menuId: gone.id },
    { kind: 'menu', menuId: bulgogi.id },
  ],
};

describe('slidesToShow', () => {
  it('shows images with their caption and menus as the catalog has them, in the guest’s language', () => {
    expect(slidesToShow(screen, menus, 'en')).toEqual([
      { key: '/photos/attract-a-1.png', imageUrl: '/photos/attract-a-1.png', caption: 'Spring event', price: null },
      { key: bulgogi.id, imageUrl: '/photos/bulgogi.jpg', caption: 'Bulgogi', price: expect.stringContaining('15,000') },
    ]);
    expect(slidesToShow(screen, menus, 'ko').map((s) => s.caption)).toEqual(['봄 이벤트', '불고기']);
  });

  it('never advertises a menu the guest could not order: sold out, hidden or gone from the catalog', () => {
    const keys = slidesToShow(screen, menus, 'ko').map((s) => s.key);
    expect(keys).not.toContain(soldOut.id);
    expect(keys).not.toContain(gone.id);
    const hidden = new Map([[bulgogi.id, { ...bulgogi, hidden: true }]]);
    expect(slidesToShow(screen, hidden, 'ko').map((s) => s.key)).toEqual(['/photos/attract-a-1.png']);
  });
});

describe('attractText', () => {
  it('takes the guest’s language, the other one when the owner left it empty, and nothing when both are', () => {
    expect(attractText({ ko: '환영합니다', en: 'Welcome' }, 'en')).toBe('Welcome');
    expect(attractText({ ko: '환영합니다', en: '' }, 'en')).toBe('환영합니다');
    expect(attractText({ ko: '', en: 'Welcome' }, 'ko')).toBe('Welcome');
    expect(attractText({ ko: '', en: '' }, 'ko')).toBe('');
  });
});
