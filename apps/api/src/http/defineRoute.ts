import type { Role } from '@callflow/contract';
import type { Database } from '@callflow/db';
import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { AriServers } from '../ari/AriServers.ts';
import type { PasswordHashing } from '../services/auth/PasswordHashing.ts';
import type { SecretStore } from '../services/secrets/SecretStore.ts';
import type { LiveStreams } from './LiveStreams.ts';

export interface AuthenticatedUser {
  readonly id: string;
  readonly username: string;
  readonly role: Role;
  /** Until the user chooses a password, only the routes marked `allowedBeforePasswordChange` answer. */
  readonly mustChangePassword: boolean;
  /** The login session the request came with (`id` is what the Session table stores). */
  readonly session: { readonly id: string; readonly expiresAt: Date };
}

export interface AuditEntry {
  readonly actor: string;
  readonly action: string;
  readonly target: string;
  readonly details?: Record<string, unknown>;
}

/** What handlers may use besides the request. Areas add their services here. */
export interface ApiServices {
  readonly db: Database;
  readonly log: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
  /** Records who changed what (publish, unpublish, rollback, import, delete, user changes). */
  readonly audit: (entry: AuditEntry) => Promise<void>;
  /** The Asterisk servers recordings and sounds are read from through ARI; none when not configured. */
  readonly ari: AriServers;
  /** Hashes and checks passwords (scrypt at OWASP's parameters). */
  readonly passwords: PasswordHashing;
  /** Open live streams (Server-Sent Events): their number per session, and their end with the session. */
  readonly liveStreams: LiveStreams;
  /** The credentials store (write-only values); absent or without a key, its routes answer 503. */
  readonly secrets?: SecretStore;
}

export interface RouteContext<Params, Query, Body> {
  readonly params: Params;
  readonly query: Query;
  readonly body: Body;
  /** Null only on `access: 'public'` routes. */
  readonly user: AuthenticatedUser | null;
  readonly services: ApiServices;
  readonly request: Request;
  readonly response: Response;
  /**
   * Checks the request's session again, now: whether it still exists and still grants this route
   * (same user, role high enough, no password change pending). Long-lived answers (event streams) ask
   * this while they run.
   */
  readonly stillAllowed: () => Promise<boolean>;
}

export type RouteResult = { status: number; body?: unknown; headers?: Record<string, string> } | 'handled';

type Schema = z.ZodType;
type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteDefinition<
  P extends Schema | undefined,
  Q extends Schema | undefined,
  B extends Schema | undefined,
> {
  readonly method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express-style path below /api, e.g. `/flows/:flowId`. */
  readonly path: string;
  readonly summary: string;
  readonly tag: string;
  /** The least role allowed; `public` needs no login. */
  readonly access: Role | 'public';
  /**
   * Also answers a user who must still change their password (the session routes: who am I, change
   * my password). Every other route answers them 403 `password_change_required`.
   */
  readonly allowedBeforePasswordChange?: true;
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  /**
   * `flowDocument`: the body is or holds a flow document and may be up to API_BODY_LIMIT (5 MB by
   * default). Any other body is at most 64 KB. Either way it is read only after the session is checked.
   */
  readonly bodyLimit?: 'flowDocument';
  /** Documented responses: status → schema of the JSON body (null: no body or not JSON). */
  readonly responses: Readonly<Record<number, Schema | null>>;
  handler(context: RouteContext<Parsed<P>, Parsed<Q>, Parsed<B>>): Promise<RouteResult>;
}

export type AnyRoute = RouteDefinition<Schema | undefined, Schema | undefined, Schema | undefined>;

/** Declares a route; the schemas parse the request and generate the OpenAPI document. */
export function defineRoute<
  P extends Schema | undefined,
  Q extends Schema | undefined,
  B extends Schema | undefined,
>(route: RouteDefinition<P, Q, B>): AnyRoute {
  // Handlers only ever receive what their own schemas parsed; the registry stores them uniformly.
  return route as unknown as AnyRoute;
}
