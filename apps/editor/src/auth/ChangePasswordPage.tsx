import { type FormEvent, useState } from 'react';
import { ApiError } from '../api/ApiError.ts';
import { sessionApi } from '../api/sessionApi.ts';
import { useSession, useUser } from './SessionContext.tsx';
import './auth.css';

/** Shown instead of the app while the account still has a password it was given, not one it chose. */
export function ChangePasswordPage() {
  const user = useUser();
  const { setUser, logout } = useSession();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const mismatch = repeated !== '' && repeated !== newPassword;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (mismatch) return;
    setBusy(true);
    setError(null);
    try {
      setUser(await sessionApi.changePassword(currentPassword, newPassword));
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'unknown', String(caught)));
      setBusy(false);
    }
  }

  const fieldError = (path: string) => error?.problemAt(path);
  return (
    <main className="auth-page">
      <form className="auth-card card" onSubmit={submit} aria-label="Choose a new password">
        <h1>Choose a new password</h1>
        <p className="muted small">
          {user.username}, your account was given a password by someone else. Choose your own to go on.
        </p>
        <label className="field">
          <span className="field__label">Current password</span>
          <input
            className="input"
            type="password"
            autoComplete="current-password"
            value={currentPassword}
            onChange={(event) => setCurrentPassword(event.target.value)}
            aria-invalid={fieldError('body.currentPassword') !== undefined}
          />
          {fieldError('body.currentPassword') && (
            <span className="field__error">{fieldError('body.currentPassword')}</span>
          )}
        </label>
        <label className="field">
          <span className="field__label">New password</span>
          <input
            className="input"
            type="password"
            autoComplete="new-password"
            value={newPassword}
            onChange={(event) => setNewPassword(event.target.value)}
            aria-invalid={fieldError('body.newPassword') !== undefined}
          />
          {fieldError('body.newPassword') && (
            <span className="field__error">{fieldError('body.newPassword')}</span>
          )}
        </label>
        <label className="field">
          <span className="field__label">New password again</span>
          <input
            className="input"
            type="password"
            autoComplete="new-password"
            value={repeated}
            onChange={(event) => setRepeated(event.target.value)}
            aria-invalid={mismatch}
          />
          {mismatch && <span className="field__error">the two new passwords differ</span>}
        </label>
        {error !== null && error.problems.length === 0 && (
          <p className="notice notice--error" role="alert">
            {error.message}
          </p>
        )}
        <div className="row">
          <button className="button button--ghost" type="button" onClick={() => void logout()}>
            Log out
          </button>
          <span className="spacer" />
          <button className="button button--primary" type="submit" disabled={busy || mismatch}>
            Save password
          </button>
        </div>
      </form>
    </main>
  );
}
