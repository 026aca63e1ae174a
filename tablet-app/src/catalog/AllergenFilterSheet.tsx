import { ALLERGENS, type Allergen } from '@hiorder/domain/catalog/menu-labels';
import { parseAvoidList } from '@hiorder/domain/catalog/allergen-filter';
import { useState } from 'react';
import { Dialog } from '../ui/Dialog';
import { useLocale } from '../ui/i18n';

const AVOID_KEY = 'hiorder.avoidAllergens';
const ALL = Object.keys(ALLERGENS) as Allergen[];

/**
 * The guest's avoid-list, kept for this browsing session (a reload keeps it, the idle reset for the next guest
 * clears it). Session storage holds untrusted text: it is read back through the domain's `parseAvoidList`.
 */
export function useAvoidedAllergens(): [Allergen[], (next: readonly Allergen[]) => void] {
  const [avoid, setAvoid] = useState<Allergen[]>(() => {
    try {
      return parseAvoidList(JSON.parse(sessionStorage.getItem(AVOID_KEY) ?? '[]'));
    } catch {
      return [];
    }
  });
  const set = (next: readonly Allergen[]) => {
    const kept = parseAvoidList(next);
    if (kept.length > 0) sessionStorage.setItem(AVOID_KEY, JSON.stringify(kept));
    else sessionStorage.removeItem(AVOID_KEY);
    setAvoid(kept);
  };
  return [avoid, set];
}

/** The 19 labelled allergens as big toggles; the menu behind follows every tap. */
export function AllergenFilterSheet({
  avoid,
  onChange,
  onClose,
}: {
  avoid: readonly Allergen[];
  onChange: (next: Allergen[]) => void;
  onClose: () => void;
}) {
  const { t, locale } = useLocale();
  const on = new Set(avoid);
  const toggle = (a: Allergen) => onChange(on.has(a) ? avoid.filter((x) => x !== a) : [...avoid, a]);
  return (
    <Dialog label={t('allergyFilter')} onClose={onClose} testId="allergy-sheet">
      <div className="sheet allergy-sheet">
        <h2>{t('allergyTitle')}</h2>
        <p className="allergy-help">{t('allergyHelp')}</p>
        <div className="allergy-grid" role="group" aria-label={t('allergens')}>
          {ALL.map((a) => (
            <button
              key={a}
              type="button"
              className={`allergy-chip${on.has(a) ? ' allergy-chip-on' : ''}`}
              aria-pressed={on.has(a)}
              data-allergen={a}
              onClick={() => toggle(a)}
            >
              <span className="allergy-check" aria-hidden="true">
                {on.has(a) ? '✓' : ''}
              </span>
              {ALLERGENS[a][locale]}
            </button>
          ))}
        </div>
        <div className="allergy-actions">
          <button type="button" className="btn btn-ghost" disabled={avoid.length === 0} onClick={() => onChange([])}>
            {t('allergyClear')}
          </button>
          <button type="button" className="btn btn-primary btn-grow" onClick={onClose} data-testid="allergy-done">
            {t('allergyDone')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
