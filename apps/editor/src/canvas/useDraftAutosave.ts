import { flowDraft, staleRevisionBody } from '@callflow/contract';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/ApiError.ts';
import { asError } from '../api/asError.ts';
import { flowsApi } from '../api/flowsApi.ts';
import type { DraftDocument } from './DraftDocument.ts';
import { unsavedBackups } from './unsavedBackups.ts';

/** Quiet time after the last change before the draft is saved. */
const SAVE_DELAY_MS = 800;

export type SaveStatus =
  | { readonly state: 'saved'; readonly at: Date | null }
  | { readonly state: 'pending' }
  | { readonly state: 'saving' }
  /**
   * The document is not even a flow draft the server keeps (too many nodes, a label of a thousand
   * characters): kept in this browser until it is. A draft with fields to fix is saved like any other.
   */
  | { readonly state: 'incomplete'; readonly reason: string }
  /** Someone else saved since this page loaded: the person chooses, nothing is overwritten silently. */
  | { readonly state: 'conflict'; readonly theirRevision: number }
  | { readonly state: 'failed'; readonly message: string };

export interface DraftAutosave {
  readonly status: SaveStatus;
  readonly revision: number;
  /** Saves pending changes now; resolves when the server has answered. */
  saveNow(): Promise<void>;
  /** Conflict: save this page's draft over the other person's. */
  overwrite(): void;
  /** Conflict: drop this page's unsaved changes and load the saved draft. */
  reloadTheirs(): Promise<void>;
  /** Forgets the unsaved changes (here and in this browser) before the editor loads the saved draft. */
  discard(): void;
}

/**
 * Saves the draft a moment after each change, naming the revision it was loaded at so another
 * person's save is detected (409) and shown as a choice instead of being overwritten.
 */
export function useDraftAutosave(options: {
  flowId: string;
  document: DraftDocument;
  changeCount: number;
  initialRevision: number;
  /**
   * The change count at which `document` is the draft saved at `initialRevision`; by default the
   * first one given. Lower when the editor starts with changes the server has not seen.
   */
  savedChangeCount?: number;
  enabled: boolean;
  /**
   * Changes are not sent (they are shown as unsaved): the person has not yet chosen whether to keep
   * changes put back from this browser, which stay kept there meanwhile.
   */
  paused?: boolean;
  onReload: () => Promise<void>;
}): DraftAutosave {
  const {
    flowId,
    document,
    changeCount,
    initialRevision,
    savedChangeCount,
    enabled,
    paused = false,
    onReload,
  } = options;
  const [status, setStatusState] = useState<SaveStatus>({ state: 'saved', at: null });
  const statusRef = useRef(status);
  const setStatus = useCallback((next: SaveStatus) => {
    statusRef.current = next;
    setStatusState(next);
  }, []);
  const revision = useRef(initialRevision);
  const savedChange = useRef(savedChangeCount ?? changeCount);
  const inFlight = useRef<Promise<void> | null>(null);
  const latest = useRef({ document, changeCount });
  latest.current = { document, changeCount };
  /** Keeps the newest document in this browser, at the revision it was edited from. */
  const keepNewestInBrowser = useCallback(
    () => unsavedBackups.write(flowId, { revision: revision.current, document: latest.current.document }),
    [flowId],
  );
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const editableRef = useRef(enabled);
  editableRef.current = enabled;
  const enabledRef = useRef(enabled && !paused);
  enabledRef.current = enabled && !paused;

  // Another revision loaded into the same editor: what it shows now is that revision's draft. Not on
  // mounting (StrictMode runs this twice then): changes the editor started with stay unsaved.
  const loadedRevision = useRef(initialRevision);
  useEffect(() => {
    if (loadedRevision.current === initialRevision) return;
    loadedRevision.current = initialRevision;
    revision.current = initialRevision;
    savedChange.current = latest.current.changeCount;
    setStatus({ state: 'saved', at: null });
  }, [initialRevision, setStatus]);

  const save = useCallback(
    async (force: boolean): Promise<void> => {
      // One save at a time, in order: a save asked for during another runs after it.
      while (inFlight.current !== null) await inFlight.current;
      const { document: current, changeCount: change } = latest.current;
      if (!force && change === savedChange.current) return;
      // A field half filled in or out of range is the server's to keep (and to refuse publishing);
      // only what it would refuse outright stays in this browser.
      const parsed = flowDraft.safeParse(current);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        unsavedBackups.write(flowId, { revision: revision.current, document: current });
        setStatus({
          state: 'incomplete',
          reason: issue === undefined ? 'the flow is incomplete' : issue.message,
        });
        return;
      }
      let done = () => {};
      inFlight.current = new Promise<void>((resolve) => {
        done = resolve;
      });
      setStatus({ state: 'saving' });
      try {
        const saved = await flowsApi.saveDraft(flowId, revision.current, current);
        revision.current = saved.revision;
        savedChange.current = change;
        unsavedBackups.clear(flowId);
        // A change made while the request was on its way is not saved yet: saying so is the truth.
        setStatus(
          latest.current.changeCount === change
            ? { state: 'saved', at: new Date(saved.updatedAt) }
            : { state: 'pending' },
        );
      } catch (error) {
        // The newest document, with changes made while the request was on its way.
        keepNewestInBrowser();
        if (error instanceof ApiError && error.code === 'stale_revision') {
          // The 409 names the revision saved now; an older API may not.
          const body = staleRevisionBody.safeParse(error.body);
          setStatus({
            state: 'conflict',
            theirRevision: body.success ? body.data.currentRevision : revision.current + 1,
          });
        } else {
          setStatus({ state: 'failed', message: asError(error).message });
        }
      } finally {
        inFlight.current = null;
        done();
      }
      // Changes made while the request was on its way are saved next; after a conflict only once
      // the person has chosen.
      if (statusRef.current.state !== 'conflict' && latest.current.changeCount !== savedChange.current) {
        clearTimeout(timer.current);
        timer.current = setTimeout(() => void save(false), SAVE_DELAY_MS);
      }
    },
    [
      flowId,
      setStatus, // The newest document, with changes made while the request was on its way.
      keepNewestInBrowser,
    ],
  );

  useEffect(() => {
    if (!enabled || changeCount === savedChange.current) return;
    // While a conflict is open, nothing is saved until the person has chosen; what they go on
    // changing is kept in this browser meanwhile, as the conflict banner promises.
    if (statusRef.current.state === 'conflict') {
      keepNewestInBrowser();
      return;
    }
    setStatus({ state: 'pending' });
    if (paused) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(false), SAVE_DELAY_MS);
    return () => clearTimeout(timer.current);
  }, [changeCount, enabled, paused, save, setStatus, keepNewestInBrowser]);

  // Leaving the page with changes not yet accepted by the server: let the browser ask first, and
  // if the page goes anyway (tab closed, reload), keep them in this browser: a save on its way may
  // never arrive. The next visit on the same revision puts them back.
  useEffect(() => {
    const onLeave = (event: BeforeUnloadEvent) => {
      if (latest.current.changeCount !== savedChange.current) event.preventDefault();
    };
    const onGone = () => {
      if (!editableRef.current || latest.current.changeCount === savedChange.current) return;
      keepNewestInBrowser();
    };
    window.addEventListener('beforeunload', onLeave);
    window.addEventListener('pagehide', onGone);
    return () => {
      window.removeEventListener('beforeunload', onLeave);
      window.removeEventListener('pagehide', onGone);
    };
  }, [keepNewestInBrowser]);

  // Leaving the editor inside the app (a link, the back button) within the save delay: the change
  // goes to the server anyway, or into this browser's backup if it cannot. Not during a conflict:
  // there the person has not chosen yet, and their changes are already backed up.
  useEffect(
    () => () => {
      if (!enabledRef.current || statusRef.current.state === 'conflict') return;
      if (latest.current.changeCount === savedChange.current) return;
      clearTimeout(timer.current);
      void save(false);
    },
    [save],
  );

  const discard = () => {
    clearTimeout(timer.current);
    savedChange.current = latest.current.changeCount;
    unsavedBackups.clear(flowId);
  };

  return {
    status,
    get revision() {
      return revision.current;
    },
    saveNow: async () => {
      clearTimeout(timer.current);
      await save(false);
    },
    overwrite: () => {
      if (status.state !== 'conflict') return;
      revision.current = status.theirRevision;
      void save(true);
    },
    reloadTheirs: async () => {
      discard();
      await onReload();
    },
    discard,
  };
}
