import type { Role } from '@callflow/contract';
import type { Database } from '@callflow/db';
import type { AriServers } from '../ari/AriServers.ts';
import type { PasswordHashing } from '../services/auth/PasswordHashing.ts';
import type { PromptMedia } from '../services/prompts/PromptMedia.ts';
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
  /** The prompt library's speech engine, Asterisk's stock sounds and the bound on audio work. */
  readonly prompts: PromptMedia;
}
