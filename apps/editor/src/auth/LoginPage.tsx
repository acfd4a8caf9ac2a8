import { type FormEvent, useState } from 'react';
import { ApiError } from '../api/ApiError.ts';
import { sessionApi } from '../api/sessionApi.ts';
import { useSession } from './SessionContext.tsx';
import './auth.css';

/** The login form; on success the session knows the user and the app shows the flows. */
export function LoginPage() {
  const { setUser } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setUser(await sessionApi.login(username, password));
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'unknown', String(caught)));
      setBusy(false);
    }
  }

  return (
    <main className="auth-page">
      <form className="auth-card card" onSubmit={submit} aria-label="Log in">
        <div className="auth-card__brand">
          <span className="brand-mark" aria-hidden="true" />
          <span>Callflow</span>
        </div>
        <h1>Log in</h1>
        <p className="muted small">Design, publish and follow the call flows of your Asterisk.</p>
        <label className="field">
          <span className="field__label">Username</span>
          <input
            className="input"
            name="username"
            autoComplete="username"
            value={username}
            onChange={(event) => setUsername(event.target.value)}
            aria-invalid={error?.problemAt('body.username') !== undefined}
            autoFocus
          />
          {error?.problemAt('body.username') && (
            <span className="field__error">{error.problemAt('body.username')}</span>
          )}
        </label>
        <label className="field">
          <span className="field__label">Password</span>
          <input
            className="input"
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            aria-invalid={error?.problemAt('body.password') !== undefined}
          />
          {error?.problemAt('body.password') && (
            <span className="field__error">{error.problemAt('body.password')}</span>
          )}
        </label>
        {error !== null && error.problems.length === 0 && (
          <p className="notice notice--error" role="alert">
            {error.status === 401 ? 'Wrong username or password.' : error.message}
          </p>
        )}
        <button className="button button--primary auth-card__submit" type="submit" disabled={busy}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
      </form>
    </main>
  );
}
