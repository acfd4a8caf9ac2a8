import { useState } from 'react';
import { sessionApi } from '../api/sessionApi.ts';
import { TextField } from '../shell/TextField.tsx';
import { useFormSubmit } from '../shell/useFormSubmit.ts';
import { useSession } from './SessionContext.tsx';
import './auth.css';

/** The login form; on success the session knows the user and the app shows the flows. */
export function LoginPage() {
  const { setUser } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { submit, busy, error } = useFormSubmit(async () =>
    setUser(await sessionApi.login(username, password)),
  );

  return (
    <main className="auth-page">
      <form className="auth-card card" onSubmit={submit} aria-label="Log in">
        <div className="auth-card__brand">
          <span className="brand-mark" aria-hidden="true" />
          <span>Callflow</span>
        </div>
        <h1>Log in</h1>
        <p className="muted small">Design, publish and follow the call flows of your Asterisk.</p>
        <TextField
          label="Username"
          name="username"
          autoComplete="username"
          value={username}
          onChange={setUsername}
          error={error?.problemAt('body.username')}
          autoFocus
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
          error={error?.problemAt('body.password')}
        />
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
