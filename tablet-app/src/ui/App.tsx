import type { Locale } from '@hiorder/domain/shared/locale';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import { readSession } from '../db/db';
import { forgetPairing } from '../identity/actions';
import { PairingScreen } from '../identity/PairingScreen';
import { onUnauthorized } from '../sync/api';
import { startSync } from '../sync/engine';
import { AccessibilityContext, useAccessibilityMode } from './accessibility';
import { LocaleContext, translate, type LocaleState } from './i18n';
import { MenuScreen } from './MenuScreen';
import { useWakeLock } from './useWakeLock';

const LOCALE_KEY = 'hiorder.locale';

function initialLocale(): Locale {
  try {
    return localStorage.getItem(LOCALE_KEY) === 'en' ? 'en' : 'ko';
  } catch {
    return 'ko';
  }
}

export function App() {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const session = useLiveQuery(async () => (await readSession()) ?? null);
  useWakeLock();
  const [a11y, toggleA11y] = useAccessibilityMode();
  const accessibility = useMemo(() => ({ on: a11y, toggle: toggleA11y }), [a11y, toggleA11y]);

  const localeState = useMemo<LocaleState>(
    () => ({
      locale,
      setLocale: (next) => {
        setLocaleState(next);
        try {
          localStorage.setItem(LOCALE_KEY, next);
        } catch {
          // a preference only
        }
      },
      t: (key, vars) => translate(locale, key, vars),
    }),
    [locale],
  );

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  useEffect(() => onUnauthorized(() => void forgetPairing()), []);

  const token = session?.deviceToken ?? null;
  useEffect(() => {
    if (!session) return;
    return startSync(session);
    // Restart only when the token changes, not on every re-read of the same session.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [token]);

  return (
    <LocaleContext.Provider value={localeState}>
      <AccessibilityContext.Provider value={accessibility}>
        {session === undefined ? <div className="boot" /> : session === null ? <PairingScreen /> : <MenuScreen session={session} />}
      </AccessibilityContext.Provider>
    </LocaleContext.Provider>
  );
}
