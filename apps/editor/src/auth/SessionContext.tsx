import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { whenSessionLost } from '../api/apiRequest.ts';
import { type SessionUser, sessionApi } from '../api/sessionApi.ts';

interface SessionState {
  /** Undefined while the first check runs; null when logged out. */
  readonly user: SessionUser | null | undefined;
  readonly setUser: (user: SessionUser | null) => void;
  readonly logout: () => Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

/** Knows who is logged in; any request that finds the session gone logs the page out. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null | undefined>(undefined);
  useEffect(() => {
    let active = true;
    sessionApi
      .current()
      .then((current) => active && setUser(current))
      .catch(() => active && setUser(null));
    whenSessionLost(() => setUser(null));
    return () => {
      active = false;
      whenSessionLost(null);
    };
  }, []);
  const logout = useCallback(async () => {
    await sessionApi.logout().catch(() => undefined);
    setUser(null);
  }, []);
  const value = useMemo(() => ({ user, setUser, logout }), [user, logout]);
  return <SessionContext value={value}>{children}</SessionContext>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (state === null) throw new Error('useSession outside SessionProvider');
  return state;
}

/** The logged-in user; only for pages behind the login. */
export function useUser(): SessionUser {
  const { user } = useSession();
  if (user === null || user === undefined) throw new Error('useUser on a page without a logged-in user');
  return user;
}

export function canEdit(user: SessionUser): boolean {
  return user.role === 'editor' || user.role === 'admin';
}
