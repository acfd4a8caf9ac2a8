import type { HeldView } from '@callflow/contract';
import type { FlowProblem } from '@callflow/flow';

/**
 * Why the catalog refused an operation, with what a caller needs to say so in its own words (the API
 * as an HTTP answer, the CLI as a line). Nothing was changed.
 */
export type CatalogRefusal =
  /** The flow or version named does not exist. */
  | { readonly code: 'not_found' }
  | { readonly code: 'not_published'; readonly extension: string }
  /**
   * Another flow holds the extension and the caller did not ask to replace it. The message says who
   * holds it; each caller adds how to replace it in its own words (`replace`, `--replace`).
   */
  | { readonly code: 'extension_taken'; readonly extension: string; readonly heldBy: HeldView }
  /** The draft changed since the revision the caller named. */
  | { readonly code: 'stale_revision'; readonly currentRevision: number }
  /** A rollback to a version that is not older than the live one. */
  | { readonly code: 'not_older'; readonly liveVersion: number }
  /** A version can only be made of a draft without validation errors. */
  | { readonly code: 'invalid_flow'; readonly problems: readonly FlowProblem[] }
  /** A flow file to import has problems (paths into the file). */
  | { readonly code: 'invalid_file'; readonly problems: readonly FlowProblem[] }
  /** A flow cannot be deleted while extensions run one of its versions. */
  | { readonly code: 'flow_published'; readonly extensions: readonly string[] }
  /** An extension the dialplan cannot route. */
  | { readonly code: 'invalid_extension'; readonly extension: string }
  /** A flow name that names several flows: the caller must give an id. */
  | { readonly code: 'ambiguous_flow_name'; readonly name: string; readonly flowIds: readonly string[] }
  /** An imported flow would have the name of another flow; `suggestedName` is free. */
  | { readonly code: 'name_taken'; readonly name: string; readonly suggestedName: string }
  /** Another library prompt has this name. */
  | { readonly code: 'prompt_name_taken'; readonly name: string }
  /** A library prompt cannot be deleted while a live version plays it. */
  | { readonly code: 'prompt_in_use'; readonly extensions: readonly string[] }
  /**
   * The text-to-speech engine could not speak a static text of the flow, so no version was made
   * (`message` says why, naming the engine's host, never its credentials).
   */
  | { readonly code: 'speech_failed'; readonly text: string; readonly language: string }
  /** A version would have more distinct static say texts to render than one change may render. */
  | { readonly code: 'too_much_speech'; readonly limit: number }
  /** Rendering a version's static say texts outlived the deadline of the whole pass. */
  | { readonly code: 'speech_timeout'; readonly seconds: number }
  /** The caller gave up (its signal aborted) before the change was made. */
  | { readonly code: 'cancelled' }
  /** The draft kept asking for new texts to speak while they were rendered: nothing was made. */
  | { readonly code: 'draft_changed' };

export type CatalogErrorCode = CatalogRefusal['code'];

/** A refused catalog operation: a code, what the caller needs (`refusal`), and a message for people. */
export class CatalogError extends Error {
  override name = 'CatalogError';

  constructor(
    message: string,
    readonly refusal: CatalogRefusal,
  ) {
    super(message);
  }

  get code(): CatalogErrorCode {
    return this.refusal.code;
  }

  static notFound(what: string): CatalogError {
    return new CatalogError(`${what} does not exist`, { code: 'not_found' });
  }

  static notPublished(extension: string): CatalogError {
    return new CatalogError(`nothing is published on extension ${extension}`, {
      code: 'not_published',
      extension,
    });
  }

  static staleRevision(currentRevision: number): CatalogError {
    return new CatalogError(
      `the draft was saved by someone else since you loaded it (it is now at revision ${currentRevision}); reload it and make your change again`,
      { code: 'stale_revision', currentRevision },
    );
  }
}
