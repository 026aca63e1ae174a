import { useContext } from 'react';
import { AccessibilityContext } from './accessibility';
import { useLocale } from './i18n';

/** The accessibility mode's switch, on every screen: a pressed/unpressed button whose words say what it does. */
export function AccessibilityButton({ className }: { className: string }) {
  const { t } = useLocale();
  const { on, toggle } = useContext(AccessibilityContext);
  return (
    <button type="button" className={`${className} btn-a11y`} aria-pressed={on} onClick={toggle} data-testid="a11y-toggle">
      <svg
        width={26}
        height={26}
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth={2.2}
        strokeLinecap="round"
        aria-hidden="true"
      >
        <circle cx="12" cy="4.5" r="1.8" />
        <path d="M5 8.5l7 1.5 7-1.5M12 10v5m0 0l-3 6m3-6l3 6" />
      </svg>
      {on ? t('a11yOff') : t('a11yOn')}
    </button>
  );
}
