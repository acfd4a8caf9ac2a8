import { EventEmitter } from 'node:events';
import { ApiError } from './ApiError.ts';
import type { AuthenticatedUser } from './ApiServices.ts';

export interface LiveStreamLimits {
  /** Live streams one login session may have open at once; the next is refused with 429. */
  readonly perSession: number;
  /**
   * How often an open stream checks its session again. Streams also check at once when their user's
   * sessions or account change in this API process, and when their session expires; this catches
   * what happened elsewhere (another API process, a database edit).
   */
  readonly sessionCheckMs: number;
}

export const DEFAULT_LIVE_STREAM_LIMITS: LiveStreamLimits = { perSession: 4, sessionCheckMs: 30_000 };

/** Longest delay setTimeout takes (about 24.8 days); sessions last 12 hours. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** After the expiry instant, so that the session is seen expired. */
const EXPIRY_MARGIN_MS = 50;

/** What a stream needs of its request: who opened it and a way to check the session again. */
export interface LiveStreamRequest {
  readonly user: AuthenticatedUser | null;
  readonly stillAllowed: () => Promise<boolean>;
}

export interface LiveStreamTicket {
  /** The stream has closed: frees its place and stops watching its session. */
  release(): void;
}

/**
 * The long-lived answers (Server-Sent Events) of one API: at most `perSession` per login session, and
 * each one ended as soon as its session no longer allows it: logout, expiry, the user deleted, their
 * password changed or reset, their role or pending password change making the route forbidden. The
 * session routes call `userChanged` after changing a user's sessions or account; every stream of
 * that user then checks its own session (one lookup), and ends when it is gone or no longer allowed.
 */
export class LiveStreams {
  readonly #changes = new EventEmitter();
  readonly #openPerSession = new Map<string, number>();

  constructor(readonly limits: LiveStreamLimits = DEFAULT_LIVE_STREAM_LIMITS) {
    // One listener per open stream, keyed by user: many streams are expected, not a leak.
    this.#changes.setMaxListeners(0);
  }

  /** The sessions or the account of this user changed: each of their streams checks its session now. */
  userChanged(userId: string): void {
    this.#changes.emit(userId);
  }

  /** Open streams, over all sessions. */
  get openCount(): number {
    let count = 0;
    for (const open of this.#openPerSession.values()) count += open;
    return count;
  }

  /**
   * Admits one more stream for the request's session, or throws a 429 when the session has
   * `perSession` open. `end` is called (once) when the session stops allowing the stream; the stream
   * calls `release` when it closes, whatever the reason.
   */
  admit(request: LiveStreamRequest, end: () => void): LiveStreamTicket {
    const { user } = request;
    if (user === null) throw new ApiError(401, 'not_logged_in', 'log in first');
    const sessionId = user.session.id;
    const open = this.#openPerSession.get(sessionId) ?? 0;
    const { perSession, sessionCheckMs } = this.limits;
    if (open >= perSession) {
      throw new ApiError(
        429,
        'too_many_streams',
        `this login already has ${perSession} live views open, the most allowed; close one (another tab or window showing live calls) and try again`,
        { limit: perSession },
      );
    }
    this.#openPerSession.set(sessionId, open + 1);

    let released = false;
    let checking = false;
    let checkAgain = false;
    const check = async (): Promise<void> => {
      if (released) return;
      // A change announced while a check runs may not be visible to it: check once more after.
      if (checking) {
        checkAgain = true;
        return;
      }
      checking = true;
      let allowed = true;
      try {
        do {
          checkAgain = false;
          allowed = await request.stillAllowed();
        } while (allowed && checkAgain && !released);
      } catch {
        // The database did not answer: keep the stream; the next check decides.
      } finally {
        checking = false;
      }
      if (!allowed && !released) end();
    };
    const onChange = () => void check();
    this.#changes.on(user.id, onChange);
    const interval = setInterval(onChange, sessionCheckMs);
    const untilExpiry = user.session.expiresAt.getTime() - Date.now() + EXPIRY_MARGIN_MS;
    const expiry = setTimeout(onChange, Math.min(Math.max(untilExpiry, 0), MAX_TIMER_MS));

    return {
      release: () => {
        if (released) return;
        released = true;
        clearInterval(interval);
        clearTimeout(expiry);
        this.#changes.off(user.id, onChange);
        const remaining = (this.#openPerSession.get(sessionId) ?? 1) - 1;
        if (remaining > 0) this.#openPerSession.set(sessionId, remaining);
        else this.#openPerSession.delete(sessionId);
      },
    };
  }
}
