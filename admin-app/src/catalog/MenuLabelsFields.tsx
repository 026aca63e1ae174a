import { ALLERGENS, SPICY_MAX, type Allergen, type MenuLabels } from '@hiorder/domain/catalog/menu-labels';
import { LIMITS } from '@hiorder/domain/shared/limits';
import { useI18n } from '../shared/i18n';

/** The menu editor's labels: origin (원산지), spiciness, new/best, and the Korean list of labelled allergens. */
export function MenuLabelsFields({ labels, onChange }: { labels: MenuLabels; onChange: (next: MenuLabels) => void }) {
  const { t, locale } = useI18n();
  const set = <K extends keyof MenuLabels>(key: K, value: MenuLabels[K]) => onChange({ ...labels, [key]: value });
  const toggle = (a: Allergen, on: boolean) => set('allergens', on ? [...labels.allergens, a] : labels.allergens.filter((x) => x !== a));
  return (
    <section className="menu-labels" aria-labelledby="menu-labels">
      <h3 id="menu-labels">{t('labels')}</h3>
      <div className="grid2">
        <label className="field">
          {t('origin')}
          <input
            name="origin"
            value={labels.origin}
            maxLength={LIMITS.maxOriginLength}
            placeholder={t('originHint')}
            onChange={(e) => set('origin', e.target.value)}
          />
        </label>
        <label className="field">
          {t('spicy')}
          <select name="spicy" value={labels.spicy} onChange={(e) => set('spicy', Number(e.target.value))}>
            {Array.from({ length: SPICY_MAX + 1 }, (_, n) => (
              <option key={n} value={n}>
                {n === 0 ? t('spicyNone') : `${n} / ${SPICY_MAX}`}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div style={{ display: 'flex', gap: 24, flexWrap: 'wrap', margin: '8px 0' }}>
        <label className="check">
          <input type="checkbox" name="isNew" checked={labels.isNew} onChange={(e) => set('isNew', e.target.checked)} />
          {t('labelNew')}
        </label>
        <label className="check">
          <input type="checkbox" name="best" checked={labels.best} onChange={(e) => set('best', e.target.checked)} />
          {t('labelBest')}
        </label>
      </div>
      <fieldset className="allergen-list">
        <legend>{t('allergens')}</legend>
        {(Object.keys(ALLERGENS) as Allergen[]).map((a) => (
          <label key={a} className="check">
            <input
              type="checkbox"
              name={`allergen-${a}`}
              checked={labels.allergens.includes(a)}
              onChange={(e) => toggle(a, e.target.checked)}
            />
            {ALLERGENS[a][locale]}
          </label>
        ))}
      </fieldset>
    </section>
  );
}
