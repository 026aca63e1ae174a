import { ATTRACT_SLIDE_MS, DEFAULT_ATTRACT_SCREEN, type AttractScreen as Settings } from '@hiorder/domain/catalog/attract-screen';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildMenu } from '../test/fixtures';
import { AccessibilityContext } from './accessibility';
import { AttractScreen, STILL_SLIDES } from './AttractScreen';
import { LocaleContext, translate } from './i18n';

const menus = Array.from({ length: 6 }, (_, i) => buildMenu({ name: { ko: `메뉴${i}`, en: `Dish ${i}` }, photoUrl: `/photos/m${i}.jpg` }));
const byId = new Map(menus.map((m) => [m.id, m]));
const settings: Settings = {
  ...DEFAULT_ATTRACT_SCREEN,
  title: { ko: '봄맞이 이벤트', en: 'Spring event' },
  message: { ko: '불고기 주문 시 음료 무료', en: 'A free drink with every bulgogi' },
  slides: menus.map((m) => ({ kind: 'menu' as const, menuId: m.id })),
};

function show(input: { screen?: Settings; locale?: 'ko' | 'en'; accessibility?: boolean; onWake?: () => void; toggle?: () => void } = {}) {
  const locale = input.locale ?? 'ko';
  return render(
    <LocaleContext.Provider value={{ locale, setLocale: () => undefined, t: (k, v) => translate(locale, k, v) }}>
      <AccessibilityContext.Provider value={{ on: input.accessibility ?? false, toggle: input.toggle ?? (() => undefined) }}>
        <AttractScreen screen={input.screen ?? settings} menus={byId} storeName="한옥집" onWake={input.onWake ?? (() => undefined)} />
      </AccessibilityContext.Provider>
    </LocaleContext.Provider>,
  );
}

/** The slides a sighted guest sees now (the others are hidden from screen readers too). */
const visibleCaptions = () =>
  screen
    .getAllByTestId('attract-slide')
    .filter((s) => s.getAttribute('aria-hidden') !== 'true')
    .map((s) => s.querySelector('.attract-caption')?.textContent);

function prefersReducedMotion(reduce: boolean) {
  window.matchMedia = ((query: string) => ({
    matches: reduce && query.includes('reduce'),
    media: query,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  })) as unknown as typeof window.matchMedia;
}

// The first render pays for jsdom and React warming up: seconds on a loaded box, past vitest's default 5 s.
describe('AttractScreen', { timeout: 30_000 }, () => {
  beforeEach(() => {
    vi.useFakeTimers();
    prefersReducedMotion(false);
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('shows the owner’s title and message in the guest’s language, the other language beneath', () => {
    show({ locale: 'en' });
    expect(screen.getByRole('heading').textContent).toBe('Spring event');
    expect(screen.getByText('봄맞이 이벤트').getAttribute('lang')).toBe('ko');
    expect(screen.getByText('A free drink with every bulgogi')).toBeTruthy();
  });

  it('falls back to "touch to order" in both languages when the owner wrote nothing', () => {
    show({ screen: DEFAULT_ATTRACT_SCREEN });
    expect(screen.getByRole('heading').textContent).toBe(translate('ko', 'idleTitle'));
    expect(screen.getByText(translate('en', 'idleTitle'))).toBeTruthy();
    expect(screen.queryAllByTestId('attract-slide')).toHaveLength(0);
  });

  it('shows one slide at a time and moves on every few seconds', () => {
    show();
    expect(visibleCaptions()).toEqual(['메뉴0']);
    act(() => {
      vi.advanceTimersByTime(ATTRACT_SLIDE_MS);
    });
    expect(visibleCaptions()).toEqual(['메뉴1']);
    expect(screen.getByTestId('attract-screen').dataset.still).toBe('false');
  });

  it('keeps still when the system asks for reduced motion: the first slides together, none moving', () => {
    prefersReducedMotion(true);
    show();
    const still = visibleCaptions;
    expect(still()).toEqual(menus.slice(0, STILL_SLIDES).map((_, i) => `메뉴${i}`));
    act(() => {
      vi.advanceTimersByTime(ATTRACT_SLIDE_MS * 3);
    });
    expect(still()).toEqual(menus.slice(0, STILL_SLIDES).map((_, i) => `메뉴${i}`));
    expect(screen.getByTestId('attract-screen').dataset.still).toBe('true');
  });

  it('keeps still in the tablet’s accessibility mode too', () => {
    show({ accessibility: true });
    expect(visibleCaptions()).toHaveLength(STILL_SLIDES);
    act(() => {
      vi.advanceTimersByTime(ATTRACT_SLIDE_MS * 2);
    });
    expect(visibleCaptions()[0]).toBe('메뉴0');
  });

  it('returns to the menu on a tap anywhere, and on its button for keyboards and screen readers', () => {
    const onWake = vi.fn();
    show({ onWake });
    fireEvent.click(screen.getAllByTestId('attract-slide')[0] as HTMLElement);
    expect(onWake).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByRole('button', { name: translate('ko', 'attractStart') }));
    expect(onWake).toHaveBeenCalled();
  });

  it('offers the accessibility mode to the next guest: its switch turns it on and opens the menu', () => {
    const onWake = vi.fn();
    const toggle = vi.fn();
    show({ onWake, toggle });
    fireEvent.click(screen.getByRole('button', { name: translate('ko', 'a11yOn') }));
    expect(toggle).toHaveBeenCalledTimes(1);
    expect(onWake).toHaveBeenCalledTimes(1);
  });
});
