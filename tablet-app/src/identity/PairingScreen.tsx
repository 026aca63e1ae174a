import { PairingCodeSchema } from '@hiorder/domain/identity/identity.schemas';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../sync/api';
import { AccessibilityButton } from '../ui/AccessibilityButton';
import { useLocale } from '../ui/i18n';
import { joinCodeFromUrl, joinVisit, pairDevice, pairingCodeFromUrl } from './actions';

type PairState = { kind: 'idle' } | { kind: 'pairing' } | { kind: 'failed'; message: string };

/** First start, or after a revoked token: the code from the admin app (typed, or `?pair=CODE` in the URL). */
export function PairingScreen() {
  const { t, locale, setLocale } = useLocale();
  const [code, setCode] = useState('');
  const [state, setState] = useState<PairState>({ kind: 'idle' });
  const triedUrl = useRef(false);

  const submit = async (value: string) => {
    const parsed = PairingCodeSchema.safeParse(value);
    if (!parsed.success) {
      setState({ kind: 'failed', message: t('pairCodeInvalid') });
      return;
    }
    setState({ kind: 'pairing' });
    try {
      await pairDevice(parsed.data);
      const url = new URL(window.location.href);
      url.searchParams.delete('pair');
      window.history.replaceState(null, '', url.pathname + url.search);
    } catch (err) {
      const invalid = err instanceof ApiError && (err.code === 'PAIRING_CODE_INVALID' || err.code === 'VALIDATION_FAILED');
      setState({
        kind: 'failed',
        message: invalid ? t('pairCodeInvalid') : `${t('pairFailed')}: ${err instanceof Error ? err.message : String(err)}`,
      });
    }
  };

  useEffect(() => {
    if (triedUrl.current) return;
    triedUrl.current = true;
    const join = joinCodeFromUrl(window.location.search);
    if (join) {
      setState({ kind: 'pairing' });
      joinVisit(join)
        .then(() => window.history.replaceState(null, '', window.location.pathname))
        .catch((err: unknown) =>
          setState({
            kind: 'failed',
            message: err instanceof ApiError && err.code === 'VISIT_JOIN_INVALID' ? t('joinExpired') : `${t('joinFailed')}: ${String(err)}`,
          }),
        );
      return;
    }
    const fromUrl = pairingCodeFromUrl(window.location.search);
    if (fromUrl) {
      setCode(fromUrl);
      void submit(fromUrl);
    }
    // submit only reads stable things; run once on mount.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <main className="pairing">
      <div className="pairing-card">
        <img src={`${import.meta.env.BASE_URL}icons/icon.svg`} alt="" className="pairing-logo" />
        <h1>{t('pairTitle')}</h1>
        <p className="muted">{t('pairHelp')}</p>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit(code);
          }}
        >
          <label className="pairing-label" htmlFor="pairing-code">
            {t('pairCodeLabel')}
          </label>
          <input
            id="pairing-code"
            className="pairing-input"
            name="code"
            value={code}
            maxLength={8}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            onChange={(e) => setCode(e.target.value.toUpperCase())}
            placeholder={t('pairCodePlaceholder')}
          />
          <button className="btn btn-primary btn-block" type="submit" disabled={state.kind === 'pairing'}>
            {state.kind === 'pairing' ? t('pairing') : t('pairButton')}
          </button>
        </form>
        {state.kind === 'failed' && (
          <p className="error-text" role="alert">
            {state.message}
          </p>
        )}
        <div className="pairing-actions">
          <button className="btn btn-ghost" type="button" onClick={() => setLocale(locale === 'ko' ? 'en' : 'ko')}>
            {t('language')}
          </button>
          <AccessibilityButton className="btn btn-ghost" />
        </div>
      </div>
    </main>
  );
}
