import { useState } from 'react';
import { sessionApi } from '../api/sessionApi.ts';
import { TextField } from '../shell/TextField.tsx';
import { useFormSubmit } from '../shell/useFormSubmit.ts';
import { useSession, useUser } from './SessionContext.tsx';
import './auth.css';

/** Shown instead of the app while the account still has a password it was given, not one it chose. */
export function ChangePasswordPage() {
  const user = useUser();
  const { setUser, logout } = useSession();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const mismatch = repeated !== '' && repeated !== newPassword;
  const { submit, busy, error } = useFormSubmit(async () => {
    if (mismatch) return;
    setUser(await sessionApi.changePassword(currentPassword, newPassword));
  });

  return (
    <main className="auth-page">
      <form className="auth-card card" onSubmit={submit} aria-label="Choose a new password">
        <h1>Choose a new password</h1>
        <p className="muted small">
          {user.username}, your account was given a password by someone else. Choose your own to go on.
        </p>
        <TextField
          label="Current password"
          type="password"
          autoComplete="current-password"
          value={currentPassword}
          onChange={setCurrentPassword}
          error={error?.problemAt('body.currentPassword')}
        />
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          value={newPassword}
          onChange={setNewPassword}
          error={error?.problemAt('body.newPassword')}
        />
        <TextField
          label="New password again"
          type="password"
          autoComplete="new-password"
          value={repeated}
          onChange={setRepeated}
          error={mismatch ? 'the two new passwords differ' : undefined}
        />
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
