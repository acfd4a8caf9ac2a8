import type { FlowDetail, FlowSummary, VersionDetail } from '@callflow/contract';
import { type FlowProblem, type NodeKind, validateFlow } from '@callflow/flow';
import { ReactFlowProvider, useReactFlow, useStoreApi } from '@xyflow/react';
import { useCallback, useDeferredValue, useMemo, useReducer, useState } from 'react';
import { Link, useSearchParams } from 'wouter';
import { flowsApi } from '../api/flowsApi.ts';
import { useApiData } from '../api/useApiData.ts';
import { canEdit, useUser } from '../auth/SessionContext.tsx';
import { useCallTrace } from '../calls/useCallTrace.ts';
import { useNow } from '../calls/useNow.ts';
import { NodeInspector } from '../inspector/NodeInspector.tsx';
import { PublishDialog } from '../publish/PublishDialog.tsx';
import { VersionsPanel } from '../publish/VersionsPanel.tsx';
import { EmptyState } from '../shell/EmptyState.tsx';
import { PageLoading } from '../shell/PageLoading.tsx';
import { PanelErrorBoundary } from '../shell/PanelErrorBoundary.tsx';
import { autoLayout } from './autoLayout.ts';
import { CollapsiblePanel } from './CollapsiblePanel.tsx';
import { callTrace } from './callTrace.ts';
import { type DraftDocument, draftDocument } from './DraftDocument.ts';
import { EditorToolbar } from './EditorToolbar.tsx';
import { FlowCanvas } from './FlowCanvas.tsx';
import { type Clipboard, copySelection, flowEditorReducer, initialEditorState } from './flowEditorReducer.ts';
import { newNodeSize } from './nodeSize.ts';
import { Palette } from './Palette.tsx';
import { ProblemsPanel } from './ProblemsPanel.tsx';
import { unsavedBackups } from './unsavedBackups.ts';
import { useDraftAutosave } from './useDraftAutosave.ts';
import { useEditorShortcuts } from './useEditorShortcuts.ts';
import { usePromptValidation } from './usePromptValidation.ts';
import { useReadableFit } from './useReadableFit.ts';

interface FlowEditorPageProps {
  readonly flowId: string;
  /** Set to view one published version, read-only. */
  readonly versionNumber?: number;
}

type Loaded = { flow: FlowDetail; version: VersionDetail | null };

/** The same empty list every render, so the canvas does not recount problems it does not show. */
const noProblems: readonly FlowProblem[] = [];

/** Pasted nodes land this far from the originals so both stay visible. */
const PASTE_OFFSET = { x: 40, y: 40 };

function toDraft(document: FlowDetail['document']): DraftDocument {
  return draftDocument.parse(document);
}

function showsRequest(
  data: Loaded | undefined,
  flowId: string,
  versionNumber: number | undefined,
): data is Loaded {
  return data !== undefined && data.flow.id === flowId && data.version?.number === versionNumber;
}

/** The flow editor: palette, canvas, inspector and problems; or a version, read-only, with a call's path. */
export default function FlowEditorPage({ flowId, versionNumber }: FlowEditorPageProps) {
  const [generation, setGeneration] = useState(0);
  const loaded = useApiData<Loaded>(
    async (signal) => {
      const flow = await flowsApi.get(flowId, signal);
      const version =
        versionNumber === undefined ? null : await flowsApi.version(flowId, versionNumber, signal);
      return { flow, version };
    },
    [flowId, versionNumber, generation],
  );
  if (loaded.error !== null)
    return (
      <div className="page">
        <EmptyState title="This flow cannot be opened" action={<Link href="/flows">Back to the flows</Link>}>
          {loaded.error.message}
        </EmptyState>
      </div>
    );
  // Until the answer for this address arrives, the previous page's data (the draft when a version
  // was asked for, or the other way round) is not shown: the editor would start from it and keep it.
  if (!showsRequest(loaded.data, flowId, versionNumber)) return <PageLoading />;
  // Each editor gets its own React Flow store: one shared with the previous editor would start with
  // that editor's nodes and selection.
  return (
    <ReactFlowProvider
      key={`${flowId}:${versionNumber ?? 'draft'}:${loaded.data.flow.revision}:${generation}`}
    >
      <FlowEditor loaded={loaded.data} onReload={async () => setGeneration((value) => value + 1)} />
    </ReactFlowProvider>
  );
}

function FlowEditor({ loaded, onReload }: { loaded: Loaded; onReload: () => Promise<void> }) {
  const user = useUser();
  const { version } = loaded;
  // Its name and publications change while the editor is open (rename, publish, roll back); its
  // draft is the editor's own from here on.
  const [flow, setFlow] = useState(loaded.flow);
  const updateFlow = useCallback(
    (summary: Pick<FlowSummary, 'name' | 'publications'>) =>
      setFlow((current) => ({ ...current, name: summary.name, publications: summary.publications })),
    [],
  );
  const refreshFlow = useCallback(() => {
    flowsApi.get(flow.id).then(updateFlow, () => {
      // Only the toolbar's badges are out of date; the next visit shows them right.
    });
  }, [flow.id, updateFlow]);
  const readOnly = version !== null || !canEdit(user);
  const [searchParams] = useSearchParams();
  const callId = version === null ? null : searchParams.get('call');

  const [restored] = useState(() => {
    if (version !== null || readOnly) return null;
    const backup = unsavedBackups.read(flow.id);
    if (backup === null) return null;
    const parsed = draftDocument.safeParse(backup.document);
    return parsed.success && backup.revision === flow.revision ? parsed.data : null;
  });
  const [state, dispatch] = useReducer(flowEditorReducer, null, () => {
    const saved = initialEditorState(toDraft(version?.document ?? flow.document));
    // Changes the server never accepted, from an earlier visit on this revision: back as one
    // undoable change, in the first state rather than by an effect, which StrictMode runs twice.
    return restored === null ? saved : flowEditorReducer(saved, { type: 'replace', document: restored });
  });
  // The change count with the restored changes on the canvas: any change after it (editing on top
  // of them, undoing them) is the person's choice to go on from there, as Keep and Discard are.
  const [restoredChange] = useState(state.changeCount);
  const [restoreAnswered, setRestoreAnswered] = useState(false);
  const restoredNotice = restored !== null && !restoreAnswered && state.changeCount === restoredChange;

  const autosave = useDraftAutosave({
    flowId: flow.id,
    document: state.document,
    changeCount: state.changeCount,
    initialRevision: flow.revision,
    // The server's draft is the reducer's first document; restored changes come after it, unsaved.
    savedChangeCount: 0,
    enabled: !readOnly,
    // Until the person keeps or discards the restored changes, they are not sent: "Discard them"
    // must find the server's draft as it was.
    paused: restoredNotice,
    onReload,
  });

  const deferredDocument = useDeferredValue(state.document);
  const promptContext = usePromptValidation();
  const validation = useMemo(
    () => validateFlow(deferredDocument, promptContext),
    [deferredDocument, promptContext],
  );
  const problems = validation.problems;
  const hasErrors = problems.some((problem) => problem.severity === 'error');

  const trace = useCallTrace(callId);
  const now = useNow(trace.call?.live === true);
  const canvasTrace = useMemo(
    () => (callId === null ? null : callTrace(state.document, trace.steps, trace.call, now)),
    [callId, state.document, trace.steps, trace.call, now],
  );

  const { setCenter, getNode, getInternalNode } = useReactFlow();
  const fitReadable = useReadableFit();
  const flowStore = useStoreApi();
  const [clipboard, setClipboard] = useState<Clipboard | null>(null);
  const [dialog, setDialog] = useState<'publish' | 'versions' | null>(null);

  const addNode = useCallback(
    (kind: NodeKind) => {
      // The middle of what the canvas shows, in flow coordinates.
      const { width, height, transform } = flowStore.getState();
      const [panX, panY, zoom] = transform;
      const centre = { x: (width / 2 - panX) / zoom, y: (height / 2 - panY) / zoom };
      // Nodes added by clicking step down a little so several do not pile up exactly.
      const offset = (state.document.nodes.length % 8) * 24;
      const size = newNodeSize(kind);
      dispatch({
        type: 'addNode',
        kind,
        position: {
          x: Math.round(centre.x - size.width / 2 + offset),
          y: Math.round(centre.y - size.height / 2 + offset),
        },
      });
    },
    [flowStore, state.document.nodes.length],
  );

  const layout = useCallback(async () => {
    // Cards as drawn: their size and where each outcome's handle is, so the layout keeps ports in line.
    const measured = (id: string) => {
      const node = getInternalNode(id);
      if (node === undefined) return undefined;
      const portY = new Map(
        (node.internals.handleBounds?.source ?? []).flatMap((handle) =>
          handle.id == null ? [] : [[handle.id, handle.y + handle.height / 2] as const],
        ),
      );
      return { width: node.measured.width, height: node.measured.height, portY };
    };
    dispatch({ type: 'applyLayout', positions: await autoLayout(state.document, measured) });
    requestAnimationFrame(() => void fitReadable({ duration: 300 }));
  }, [state.document, fitReadable, getInternalNode]);

  const showNode = useCallback(
    (nodeId: string) => {
      dispatch({ type: 'select', nodes: [nodeId], edges: [] });
      const node = getNode(nodeId);
      if (node === undefined) return;
      const width = node.measured?.width ?? 200;
      const height = node.measured?.height ?? 80;
      void setCenter(node.position.x + width / 2, node.position.y + height / 2, { zoom: 1, duration: 300 });
    },
    [getNode, setCenter],
  );

  useEditorShortcuts(
    {
      undo: () => dispatch({ type: 'undo' }),
      redo: () => dispatch({ type: 'redo' }),
      copy: () => setClipboard(copySelection(state)),
      cut: () => {
        setClipboard(copySelection(state));
        dispatch({ type: 'deleteSelection' });
      },
      paste: () => clipboard !== null && dispatch({ type: 'paste', clipboard, offset: PASTE_OFFSET }),
      duplicate: () => dispatch({ type: 'paste', clipboard: copySelection(state), offset: PASTE_OFFSET }),
      selectAll: () => dispatch({ type: 'selectAll' }),
      deleteSelection: () => dispatch({ type: 'deleteSelection' }),
      save: () => void autosave.saveNow(),
      fitView: () => void fitReadable({ duration: 300 }),
      layout: () => void layout(),
    },
    readOnly,
  );

  const selectedIndex =
    state.selection.nodes.size === 1
      ? state.document.nodes.findIndex((node) => state.selection.nodes.has(node.id))
      : -1;
  const selectedNode = selectedIndex === -1 ? undefined : state.document.nodes[selectedIndex];

  return (
    <div className="editor" data-readonly={readOnly}>
      <EditorToolbar
        flow={flow}
        version={version}
        document={state.document}
        readOnly={readOnly}
        canEdit={canEdit(user)}
        saveStatus={autosave.status}
        canUndo={state.past.length > 0}
        canRedo={state.future.length > 0}
        hasErrors={hasErrors}
        onUndo={() => dispatch({ type: 'undo' })}
        onRedo={() => dispatch({ type: 'redo' })}
        onLayout={() => void layout()}
        onFitView={() => void fitReadable({ duration: 300 })}
        onPublish={() => setDialog('publish')}
        onVersions={() => setDialog('versions')}
        onRenamed={updateFlow}
        callId={callId}
        call={trace.call}
      />
      {autosave.status.state === 'conflict' && (
        <div className="editor__banner notice notice--warning" role="alert">
          <strong>Someone else saved this flow</strong> while you were editing (now revision{' '}
          {autosave.status.theirRevision}). Your changes are kept in this browser until you choose.
          <span className="spacer" />
          <button type="button" className="button button--small" onClick={() => void autosave.reloadTheirs()}>
            Load their version
          </button>
          <button type="button" className="button button--small button--primary" onClick={autosave.overwrite}>
            Keep mine (overwrite)
          </button>
        </div>
      )}
      {restoredNotice && (
        <div className="editor__banner notice" role="status">
          Changes you made here earlier had not been saved: they are back on the canvas.
          <span className="spacer" />
          <button
            type="button"
            className="button button--small"
            onClick={() => {
              autosave.discard();
              setRestoreAnswered(true);
              void onReload();
            }}
          >
            Discard them
          </button>
          <button type="button" className="button button--small" onClick={() => setRestoreAnswered(true)}>
            Keep
          </button>
        </div>
      )}
      <div className="editor__body">
        {!readOnly && (
          <CollapsiblePanel side="left" name="nodes" storageKey="palette" folded="Nodes">
            <Palette onAdd={addNode} />
          </CollapsiblePanel>
        )}
        <div className="editor__canvas">
          <PanelErrorBoundary what="the canvas">
            <FlowCanvas
              state={state}
              dispatch={dispatch}
              problems={readOnly ? noProblems : problems}
              readOnly={readOnly}
              trace={canvasTrace}
            />
          </PanelErrorBoundary>
          {!readOnly && (
            <CollapsiblePanel side="bottom" name="problems" storageKey="problems">
              <ProblemsPanel problems={problems} nodes={state.document.nodes} onSelectNode={showNode} />
            </CollapsiblePanel>
          )}
        </div>
        <CollapsiblePanel side="right" name="settings" storageKey="inspector" folded="Settings">
          <aside className="editor__side" aria-label="Inspector">
            {selectedNode !== undefined ? (
              <PanelErrorBoundary what="this node’s settings" resetKeys={[selectedNode.id]}>
                <NodeInspector
                  key={selectedNode.id}
                  node={selectedNode}
                  nodeIndex={selectedIndex}
                  document={state.document}
                  problems={problems}
                  readOnly={readOnly}
                  onChange={(node) => dispatch({ type: 'updateNode', node, at: Date.now() })}
                />
              </PanelErrorBoundary>
            ) : (
              <div className="editor__side-empty">
                <h2>
                  {state.selection.nodes.size > 1
                    ? `${state.selection.nodes.size} nodes selected`
                    : 'No node selected'}
                </h2>
                <p className="muted small">
                  {readOnly
                    ? 'Select a node to see its settings.'
                    : 'Select a node to change its settings. Drag nodes from the palette and connect each outcome on the right of a node to the next step.'}
                </p>
              </div>
            )}
          </aside>
        </CollapsiblePanel>
      </div>
      {dialog === 'publish' && (
        <PublishDialog
          flow={flow}
          hasErrors={hasErrors}
          saveDraft={async () => {
            await autosave.saveNow();
            return autosave.revision;
          }}
          onPublished={refreshFlow}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'versions' && (
        <VersionsPanel
          flow={flow}
          readOnly={!canEdit(user)}
          onRolledBack={refreshFlow}
          onClose={() => setDialog(null)}
        />
      )}
    </div>
  );
}
