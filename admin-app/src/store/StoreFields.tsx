import {
  CurrencySchema,
  StoreLanguageSchema,
  type BusinessHours,
  type StoreLanguage,
  type StoreSettings,
} from '@hiorder/domain/identity/store.schemas';
import { useMemo } from 'react';
import { useI18n, type MessageKey } from '../shared/i18n';

/** What the setup page and the settings page both edit: the store's name, zone, currency, languages and hours. */
export type StoreBasics = Pick<StoreSettings, 'name' | 'timeZone' | 'currency' | 'languages' | 'hours'>;

export const DEFAULT_HOURS: BusinessHours = { opensAt: '11:00', closesAt: '22:00', breakStartsAt: null, breakEndsAt: null };

const LANGUAGE_LABEL: Record<StoreLanguage, MessageKey> = {
  ko: 'langKo',
  en: 'langEn',
  zh: 'langZh',
  ja: 'langJa',
};

function timeZones(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return known.includes(current) ? known : [current, ...known];
}

/** The store's basic fields, controlled: the page owns the value and saves it. Big targets, labelled in ko/en. */
export function StoreFields({ value, onChange }: { value: StoreBasics; onChange: (next: StoreBasics) => void }) {
  const { t } = useI18n();
  const zones = useMemo(() => timeZones(value.timeZone), [value.timeZone]);
  const hours = value.hours;
  const setHours = (next: Partial<BusinessHours> | null): void =>
    onChange({ ...value, hours: next === null ? null : { ...(hours ?? DEFAULT_HOURS), ...next } });
  const hasBreak = hours !== null && hours.breakStartsAt !== null;

  return (
    <>
      <label className="field">
        {t('storeName')}
        <input name="storeName" value={value.name} maxLength={80} required onChange={(e) => onChange({ ...value, name: e.target.value })} />
      </label>
      <div className="field-row">
        <label className="field">
          {t('timeZone')}
          <select name="timeZone" value={value.timeZone} onChange={(e) => onChange({ ...value, timeZone: e.target.value })}>
            {zones.map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          {t('currency')}
          <select
            name="currency"
            value={value.currency}
            onChange={(e) => onChange({ ...value, currency: CurrencySchema.parse(e.target.value) })}
          >
            {CurrencySchema.options.map((c) => (
              <option key={c} value={c}>
                {t('currencyKrw')}
              </option>
            ))}
          </select>
        </label>
      </div>
      <fieldset className="field fieldset">
        <legend>{t('languagesOffered')}</legend>
        <div className="settings-row">
          {StoreLanguageSchema.options.map((lang) => (
            <label key={lang} className="check">
              <input
                type="checkbox"
                name={`lang-${lang}`}
                checked={value.languages.includes(lang)}
                disabled={lang === 'ko'}
                onChange={(e) =>
                  onChange({
                    ...value,
                    languages: StoreLanguageSchema.options.filter((l) => (l === lang ? e.target.checked : value.languages.includes(l))),
                  })
                }
              />
              {t(LANGUAGE_LABEL[lang])}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="field fieldset">
        <legend>{t('businessHours')}</legend>
        <label className="check">
          <input type="checkbox" name="hasHours" checked={hours !== null} onChange={(e) => setHours(e.target.checked ? {} : null)} />
          {t('hoursSet')}
        </label>
        {hours && (
          <>
            <div className="field-row">
              <label className="field">
                {t('opensAt')}
                <input type="time" name="opensAt" value={hours.opensAt} required onChange={(e) => setHours({ opensAt: e.target.value })} />
              </label>
              <label className="field">
                {t('closesAt')}
                <input
                  type="time"
                  name="closesAt"
                  value={hours.closesAt}
                  required
                  onChange={(e) => setHours({ closesAt: e.target.value })}
                />
              </label>
            </div>
            <label className="check">
              <input
                type="checkbox"
                name="hasBreak"
                checked={hasBreak}
                onChange={(e) =>
                  setHours(e.target.checked ? { breakStartsAt: '15:00', breakEndsAt: '17:00' } : { breakStartsAt: null, breakEndsAt: null })
                }
              />
              {t('breakTime')}
            </label>
            {hasBreak && (
              <div className="field-row">
                <label className="field">
                  {t('breakStartsAt')}
                  <input
                    type="time"
                    name="breakStartsAt"
                    value={hours.breakStartsAt ?? ''}
                    required
                    onChange={(e) => setHours({ breakStartsAt: e.target.value })}
                  />
                </label>
                <label className="field">
                  {t('breakEndsAt')}
                  <input
                    type="time"
                    name="breakEndsAt"
                    value={hours.breakEndsAt ?? ''}
                    required
                    onChange={(e) => setHours({ breakEndsAt: e.target.value })}
                  />
                </label>
              </div>
            )}
          </>
        )}
      </fieldset>
    </>
  );
}
