import { SetupStatusDtoSchema } from '@hiorder/domain/identity/store.schemas';
import { useEffect, useState, type FormEvent } from 'react';
import { ApiClient, ApiError } from '../shared/api';
import { useI18n } from '../shared/i18n';
import type { SessionManager } from './session';

export function LoginScreen({ sessions }: { sessions: SessionManager }) {
  const { t, toggle } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // A server started without the demo and not set up yet has no account to log in to: say where to go instead.
  const [setupNeeded, setSetupNeeded] = useState(false);
  useEffect(() => {
    new ApiClient({ token: () => null, renew: async () => false }).get('/api/setup', SetupStatusDtoSchema).then(
      (s) => setSetupNeeded(s.needed),
      () => undefined,
    );
  }, []);

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await sessions.login({ username: username.trim().toLowerCase(), password });
    } catch (err) {
      setError(err instanceof ApiError && err.code === 'RATE_LIMITED' ? t('loginRateLimited') : t('loginFailed'));
      setBusy(false);
    }
  }

  return (
    <main className="login-wrap">
      <form className="login" onSubmit={(e) => void submit(e)}>
        <h1>
          <span className="logo-mark" style={{ color: '#fff' }} aria-hidden="true">
            h
          </span>
          {t('appName')}
        </h1>
        {setupNeeded && (
          <p className="error-text" role="status" data-testid="setup-needed">
            {t('setupNoToken')}
          </p>
        )}
        <label className="field">
          {t('username')}
          <input
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
            autoFocus
          />
        </label>
        <label className="field">
          {t('password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {error && (
          <div className="error-text" role="alert">
            {error}
          </div>
        )}
        <button className="btn btn-primary btn-lg" type="submit" disabled={busy}>
          {t('login')}
        </button>
        <button className="btn btn-ghost" type="button" onClick={toggle}>
          {t('language')}
        </button>
      </form>
    </main>
  );
}
