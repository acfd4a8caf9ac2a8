import type { AriAppConnection } from '@callflow/ari';
import type { LoadedVersion } from '../engine/CallSession.ts';

/** One published extension's Stasis app: what the jobs of PublishedApps share about it. */
export interface PublishedApp {
  readonly extension: string;
  readonly appName: string;
  readonly connection: AriAppConnection;
  /** null while unpublished but still serving calls that started before. */
  version: LoadedVersion | null;
  /** Calls in progress by caller channel id; aborting one's controller marks it lost. */
  readonly activeCalls: Map<string, AbortController>;
}
