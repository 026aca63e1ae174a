import { ATTRACT_SLIDE_MS, type AttractScreen as AttractScreenSettings } from '@hiorder/domain/catalog/attract-screen';
import type { MenuDto } from '@hiorder/domain/catalog/catalog.schemas';
import type { Locale } from '@hiorder/domain/shared/locale';
import { useContext, useEffect, useState } from 'react';
import { attractText, slidesToShow } from '../catalog/attract';
import { AccessibilityContext } from './accessibility';
import { AccessibilityButton } from './AccessibilityButton';
import { translate, useLocale } from './i18n';
import { useReducedMotion } from './useReducedMotion';

/** Without motion the slides stand side by side; this many stay legible on a tablet, in large text too. */
export const STILL_SLIDES = 4;

/**
 * What an idle tablet shows between guests (the owner's attract screen, inside a modal dialog): the event images and
 * chosen menus, one after the other, with the owner's title and message, in the guest's language with the other one
 * beneath. A tap anywhere — or its button, for keyboards and screen readers — returns to the menu; the accessibility
 * mode's switch is there too (it turns the mode on and opens the menu). Without
 * motion (the system's reduced-motion setting, or the tablet's accessibility mode) nothing moves: the first
 * `STILL_SLIDES` slides stand together.
 */
export function AttractScreen({
  screen,
  menus,
  storeName,
  onWake,
}: {
  screen: AttractScreenSettings;
  menus: ReadonlyMap<string, MenuDto>;
  storeName: string;
  onWake: () => void;
}) {
  const { t, locale } = useLocale();
  const { on: accessibility } = useContext(AccessibilityContext);
  const reducedMotion = useReducedMotion();
  const still = accessibility || reducedMotion;
  const slides = slidesToShow(screen, menus, locale);
  const [turn, setTurn] = useState(0);
  useEffect(() => {
    if (still || slides.length < 2) return;
    const timer = setInterval(() => setTurn((n) => n + 1), ATTRACT_SLIDE_MS);
    return () => clearInterval(timer);
  }, [still, slides.length]);

  const other: Locale = locale === 'ko' ? 'en' : 'ko';
  const ownTitle = attractText(screen.title, locale);
  const title = ownTitle || t('idleTitle');
  const otherTitle = ownTitle ? screen.title[other] : translate(other, 'idleTitle');
  const message = attractText(screen.message, locale);
  const shown = still ? slides.slice(0, STILL_SLIDES) : slides;
  const current = slides.length > 0 ? turn % slides.length : 0;

  return (
    // A tap anywhere wakes the tablet; the button below is the same action for keyboards and screen readers.
    <div
      className={`attract${still ? ' attract-still' : ''}${slides.length === 0 ? ' attract-plain' : ''}`}
      data-testid="attract-screen"
      data-still={still}
      onClick={onWake}
    >
      {shown.length > 0 && (
        <div className="attract-stage" data-count={shown.length}>
          {shown.map((slide, i) => {
            const on = still || i === current;
            return (
              <figure
                key={slide.key}
                className={`attract-slide${on ? ' attract-slide-on' : ''}`}
                aria-hidden={!on}
                data-testid="attract-slide"
              >
                {slide.imageUrl ? <img src={slide.imageUrl} alt="" draggable={false} /> : <span className="attract-slide-blank" />}
                {(slide.caption || slide.price) && (
                  <figcaption>
                    {slide.caption && <span className="attract-caption">{slide.caption}</span>}
                    {slide.price && <span className="attract-price">{slide.price}</span>}
                  </figcaption>
                )}
              </figure>
            );
          })}
        </div>
      )}
      <div className="attract-text">
        {slides.length === 0 && <img src={`${import.meta.env.BASE_URL}icons/icon.svg`} alt="" className="attract-logo" />}
        <p className="attract-store">{storeName}</p>
        <h2 className="attract-title">{title}</h2>
        {otherTitle && otherTitle !== title && (
          <p className="attract-title-other" lang={other}>
            {otherTitle}
          </p>
        )}
        {message && <p className="attract-message">{message}</p>}
        <div className="attract-actions">
          <button type="button" className="attract-start" onClick={onWake} data-testid="attract-start">
            {t('attractStart')}
          </button>
          {/* The next guest may need large text before anything else: the switch turns it on and opens the menu. */}
          <AccessibilityButton className="attract-a11y" />
        </div>
      </div>
    </div>
  );
}
