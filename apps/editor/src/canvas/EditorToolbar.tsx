import type { CallItem, FlowDetail, FlowSummary, VersionDetail } from '@callflow/contract';
import {
  ArrowLeft,
  Download,
  History,
  Keyboard,
  LayoutGrid,
  Maximize,
  Redo2,
  Rocket,
  Undo2,
} from 'lucide-react';
import { useId, useState } from 'react';
import { Link } from 'wouter';
import { flowsApi } from '../api/flowsApi.ts';
import { formatDuration } from '../calls/formatDuration.ts';
import { UnpublishedChanges } from '../publish/UnpublishedChanges.tsx';
import { usePopover } from '../publish/usePopover.ts';
import { IconButton, type IconButtonProps } from '../shell/IconButton.tsx';
import { useFormSubmit } from '../shell/useFormSubmit.ts';
import type { DraftDocument } from './DraftDocument.ts';
import type { SaveStatus } from './useDraftAutosave.ts';
import { shortcutHelp } from './useEditorShortcuts.ts';

interface EditorToolbarProps {
  readonly flow: FlowDetail;
  readonly version: VersionDetail | null;
  /** The draft on the canvas, compared with what is live to say whether callers hear something else. */
  readonly document: DraftDocument;
  readonly readOnly: boolean;
  readonly canEdit: boolean;
  readonly saveStatus: SaveStatus;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  readonly hasErrors: boolean;
  readonly callId: string | null;
  readonly call: CallItem | undefined;
  onUndo(): void;
  onRedo(): void;
  onLayout(): void;
  onFitView(): void;
  onPublish(): void;
  onVersions(): void;
  onRenamed(flow: FlowSummary): void;
}

/** The toolbar's quiet icon buttons; their names show as tooltips and are read out. */
const iconTool: Pick<IconButtonProps, 'iconOnly' | 'variant' | 'small'> = {
  iconOnly: true,
  variant: 'ghost',
  small: true,
};

function SaveIndicator({ status, hasErrors }: { status: SaveStatus; hasErrors: boolean }) {
  // Saved with errors: kept on the server all the same (another browser opens it as it is), but
  // publishing waits for the problems to be fixed.
  const savedWithProblems = status.state === 'saved' && hasErrors;
  const text = savedWithProblems
    ? 'Saved · has problems to fix before publishing'
    : {
        saved: 'All changes saved',
        pending: 'Unsaved changes',
        saving: 'Saving…',
        incomplete: 'Not saved yet',
        conflict: 'Not saved: conflict',
        failed: 'Not saved',
      }[status.state];
  const detail =
    status.state === 'incomplete'
      ? `Kept in this browser until the flow can be saved: ${status.reason}`
      : status.state === 'failed'
        ? status.message
        : savedWithProblems
          ? 'Saved on the server as it is. Fix the errors in the problems panel to publish it.'
          : undefined;
  return (
    <span
      className="save-indicator"
      data-state={savedWithProblems ? 'saved-with-problems' : status.state}
      title={detail}
      data-testid="save-status"
    >
      {text}
    </span>
  );
}

function FlowName({
  flow,
  canRename,
  onRenamed,
}: {
  flow: FlowDetail;
  canRename: boolean;
  onRenamed(flow: FlowSummary): void;
}) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(flow.name);
  const errorId = useId();
  const { submit, error } = useFormSubmit(async () => {
    const renamed = await flowsApi.rename(flow.id, name);
    setEditing(false);
    onRenamed(renamed);
  });
  if (!editing || !canRename)
    return (
      <button
        type="button"
        className="editor-toolbar__name truncate"
        disabled={!canRename}
        title={canRename ? 'Rename the flow' : undefined}
        onClick={() => {
          setName(flow.name);
          setEditing(true);
        }}
      >
        {flow.name}
      </button>
    );
  const problem = error === null ? null : (error.problemAt('body.name') ?? error.message);
  return (
    <form className="editor-toolbar__rename" onSubmit={submit}>
      <input
        className="input"
        aria-label="Flow name"
        value={name}
        onChange={(event) => setName(event.target.value)}
        onKeyDown={(event) => event.key === 'Escape' && setEditing(false)}
        aria-invalid={problem !== null}
        aria-describedby={problem === null ? undefined : errorId}
        autoFocus
      />
      {problem !== null && (
        <span id={errorId} className="field__error">
          {problem}
        </span>
      )}
    </form>
  );
}

/** Above the canvas: the flow's name, save state, editing actions, versions and publishing. */
export function EditorToolbar(props: EditorToolbarProps) {
  const { flow, version, readOnly } = props;
  const keys = usePopover<HTMLSpanElement>();
  return (
    <header className="editor-toolbar">
      <Link href="/flows" className="button button--ghost button--small" aria-label="Back to the flows">
        <ArrowLeft size={14} />
      </Link>
      <FlowName flow={flow} canRename={props.canEdit && version === null} onRenamed={props.onRenamed} />
      {version !== null ? (
        <span className="badge badge--accent" data-testid="version-badge">
          Version {version.number} · read-only
        </span>
      ) : readOnly ? (
        <span className="badge">Read-only: your role is viewer</span>
      ) : (
        <SaveIndicator status={props.saveStatus} hasErrors={props.hasErrors} />
      )}
      {flow.publications.map((publication) => (
        <span
          key={publication.extension}
          className="badge badge--success"
          title={`Version ${publication.version} answers calls to ${publication.extension}`}
        >
          Live on {publication.extension} · v{publication.version}
        </span>
      ))}
      {version === null && (
        <UnpublishedChanges flowId={flow.id} publications={flow.publications} document={props.document} />
      )}
      {props.callId !== null && (
        <span className="badge badge--warning" data-testid="trace-badge">
          {props.call === undefined
            ? 'Loading the call…'
            : props.call.live
              ? `Following live call from ${props.call.callerNumber || 'unknown'}`
              : `Path of the call from ${props.call.callerNumber || 'unknown'}${props.call.durationMs === null ? '' : ` · ${formatDuration(props.call.durationMs)}`}`}
        </span>
      )}
      <span className="spacer" />
      {!readOnly && (
        <>
          <IconButton
            icon={Undo2}
            label="Undo"
            {...iconTool}
            onClick={props.onUndo}
            disabled={!props.canUndo}
            title="Undo (Ctrl+Z)"
          />
          <IconButton
            icon={Redo2}
            label="Redo"
            {...iconTool}
            onClick={props.onRedo}
            disabled={!props.canRedo}
            title="Redo (Ctrl+Shift+Z)"
          />
          <IconButton
            icon={LayoutGrid}
            label="Arrange"
            variant="ghost"
            small
            onClick={props.onLayout}
            title="Arrange automatically (Shift+L)"
          />
        </>
      )}
      <IconButton
        icon={Maximize}
        label="Fit view"
        {...iconTool}
        onClick={props.onFitView}
        title="Fit the flow in view (Shift+F)"
      />
      <span className="editor-toolbar__keys" ref={keys.ref}>
        <IconButton
          icon={Keyboard}
          label="Keyboard shortcuts"
          {...iconTool}
          aria-expanded={keys.open}
          onClick={keys.toggle}
        />
        {keys.open && (
          <dl className="editor-toolbar__key-list card">
            {shortcutHelp.map(([keys, action]) => (
              <div key={keys}>
                <dt className="mono">{keys}</dt>
                <dd>{action}</dd>
              </div>
            ))}
          </dl>
        )}
      </span>
      <a
        className="button button--small"
        href={flowsApi.exportUrl(flow.id, version?.number)}
        download
        title="Download the flow as a JSON file"
      >
        <Download size={14} /> Export
      </a>
      <IconButton icon={History} label="Versions" small onClick={props.onVersions} />
      {version !== null ? (
        <Link href={`/flows/${flow.id}`} className="button button--small button--primary">
          Open the draft
        </Link>
      ) : (
        props.canEdit && (
          <IconButton
            icon={Rocket}
            label="Publish"
            variant="primary"
            small
            onClick={props.onPublish}
            disabled={props.hasErrors}
            title={
              props.hasErrors
                ? 'Fix the errors in the problems panel to publish'
                : 'Publish this flow to an extension'
            }
          />
        )
      )}
    </header>
  );
}
