import { SetupStatusDtoSchema, STORE_SETTINGS_DEFAULTS, type StoreSetup } from '@hiorder/domain/identity/store.schemas';
import { useEffect, useState, type FormEvent } from 'react';
import type { SessionManager } from '../identity/session';
import { ApiClient, ApiError } from '../shared/api';
import { useI18n } from '../shared/i18n';
import { ADMIN_BASE, navigate } from '../shared/router';
import { DEFAULT_HOURS, StoreFields, type StoreBasics } from './StoreFields';

/** The setup token rides in the link's fragment (`/admin/setup#token=…`), never sent to a server by the browser. */
function tokenFromHash(): string {
  return new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
}

const anonymous = new ApiClient({ token: () => null, renew: async () => false });

/**
 * The first start without the demo (`SEED_DEMO=false`): the owner names the store, its zone, currency, languages and
 * hours, creates their admin account and the tables, and lands signed in on the tables page to pair the first tablet.
 */
export function SetupScreen({ sessions }: { sessions: SessionManager }) {
  const { t, toggle } = useI18n();
  const [token] = useState(tokenFromHash);
  const [needed, setNeeded] = useState<boolean | null>(null);
  const [store, setStore] = useState<StoreBasics>({
    name: '',
    timeZone: 'Asia/Seoul',
    currency: STORE_SETTINGS_DEFAULTS.currency,
    languages: [...STORE_SETTINGS_DEFAULTS.languages],
    hours: DEFAULT_HOURS,
  });
  const [admin, setAdmin] = useState({ username: '', displayName: '', password: '', again: '' });
  const [tables, setTables] = useState(10);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    anonymous.get('/api/setup', SetupStatusDtoSchema).then(
      (s) => setNeeded(s.needed),
      () => setNeeded(true),
    );
  }, []);

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    if (admin.password !== admin.again) {
      setError(t('setupPasswordsDiffer'));
      return;
    }
    setBusy(true);
    setError(null);
    const input: StoreSetup = {
      token,
      store: { ...store, name: store.name.trim() },
      admin: { username: admin.username.trim().toLowerCase(), displayName: admin.displayName.trim(), password: admin.password },
      tables,
    };
    try {
      await sessions.setUpStore(input);
      history.replaceState(null, '', location.pathname);
      navigate(`${ADMIN_BASE}devices`);
    } catch (err) {
      setError(describe(err));
      setBusy(false);
    }
  }

  function describe(err: unknown): string {
    if (!(err instanceof ApiError)) return t('setupFailed');
    if (err.code === 'SETUP_TOKEN_INVALID') return t('setupTokenInvalid');
    if (err.code === 'SETUP_DONE') return t('setupDone');
    if (err.code === 'CONFLICT') return t('setupUsernameTaken');
    if (err.code === 'VALIDATION_FAILED') return `${t('setupInvalid')} (${err.message})`;
    if (err.code === 'RATE_LIMITED') return t('loginRateLimited');
    return `${t('setupFailed')} (${err.code})`;
  }

  return (
    <main className="login-wrap">
      <form className="login setup" onSubmit={(e) => void submit(e)} data-testid="setup-form">
        <h1>
          <span className="logo-mark" style={{ color: '#fff' }} aria-hidden="true">
            h
          </span>
          {t('setupTitle')}
        </h1>
        <button className="btn btn-ghost lang-switch" type="button" onClick={toggle}>
          {t('language')}
        </button>
        {needed === false ? (
          <div role="status" className="setup-note">
            <p>{t('setupDone')}</p>
            <a className="btn btn-primary btn-lg" href={ADMIN_BASE}>
              {t('login')}
            </a>
          </div>
        ) : !token ? (
          <p role="alert" className="error-text">
            {t('setupNoToken')}
          </p>
        ) : (
          <>
            <p className="muted">{t('setupIntro')}</p>
            <section className="setup-section" aria-labelledby="setup-store">
              <h2 id="setup-store">{t('setupStoreTitle')}</h2>
              <StoreFields value={store} onChange={setStore} />
            </section>
            <section className="setup-section" aria-labelledby="setup-owner">
              <h2 id="setup-owner">{t('setupOwnerTitle')}</h2>
              <div className="field-row">
                <label className="field">
                  {t('username')}
                  <input
                    name="username"
                    autoComplete="username"
                    value={admin.username}
                    required
                    onChange={(e) => setAdmin({ ...admin, username: e.target.value })}
                  />
                </label>
                <label className="field">
                  {t('displayName')}
                  <input
                    name="displayName"
                    value={admin.displayName}
                    required
                    onChange={(e) => setAdmin({ ...admin, displayName: e.target.value })}
                  />
                </label>
              </div>
              <div className="field-row">
                <label className="field">
                  {t('password')}
                  <input
                    name="password"
                    type="password"
                    autoComplete="new-password"
                    minLength={8}
                    value={admin.password}
                    required
                    onChange={(e) => (setAdmin({ ...admin, password: e.target.value }), setError(null))}
                  />
                </label>
                <label className="field">
                  {t('passwordAgain')}
                  <input
                    name="passwordAgain"
                    type="password"
                    autoComplete="new-password"
                    value={admin.again}
                    required
                    onChange={(e) => (setAdmin({ ...admin, again: e.target.value }), setError(null))}
                  />
                </label>
              </div>
            </section>
            <section className="setup-section" aria-labelledby="setup-tables">
              <h2 id="setup-tables">{t('navTablesAdmin')}</h2>
              <label className="field">
                {t('setupTableCount')}
                <input
                  name="tables"
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={200}
                  value={tables}
                  required
                  onChange={(e) => setTables(Number(e.target.value))}
                />
              </label>
            </section>
            {error && (
              <div className="error-text" role="alert">
                {error}
              </div>
            )}
            <button className="btn btn-primary btn-lg" type="submit" disabled={busy || needed === null}>
              {t('setupSubmit')}
            </button>
          </>
        )}
      </form>
    </main>
  );
}
