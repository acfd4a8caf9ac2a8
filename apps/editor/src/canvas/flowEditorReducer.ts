import { type FlowEdge, type NodeKind, nodeKinds } from '@callflow/flow';
import { carryConnections } from './carryConnections.ts';
import type { DraftDocument, DraftNode } from './DraftDocument.ts';

/** Enough steps back for an editing session; older ones are dropped first. */
export const HISTORY_LIMIT = 200;
/** Edits of one node's form within this time are one step of undo (typing a word is one change). */
const COALESCE_MS = 1500;

export interface Selection {
  readonly nodes: ReadonlySet<string>;
  readonly edges: ReadonlySet<string>;
}

export interface FlowEditorState {
  readonly document: DraftDocument;
  readonly selection: Selection;
  readonly past: readonly DraftDocument[];
  readonly future: readonly DraftDocument[];
  /** The document when a drag began: the whole drag becomes one undo step when it ends. */
  readonly gestureStart: DraftDocument | null;
  /** Which node's form was edited last and when, to merge typing into one undo step. */
  readonly lastEdit: { readonly nodeId: string; readonly at: number } | null;
  /** Bumped by every change to the document (not by selection), so saving knows what it has saved. */
  readonly changeCount: number;
}

/** What can be copied and pasted: nodes and the connections between them. */
export interface Clipboard {
  readonly nodes: readonly DraftNode[];
  readonly edges: readonly FlowEdge[];
}

export type FlowEditorAction =
  | { type: 'load'; document: DraftDocument }
  /** A whole new document as one undoable change (unsaved work brought back). */
  | { type: 'replace'; document: DraftDocument }
  | { type: 'addNode'; kind: NodeKind; position: { x: number; y: number } }
  | { type: 'beginDrag' }
  | { type: 'moveNodes'; positions: ReadonlyMap<string, { x: number; y: number }> }
  | { type: 'endDrag' }
  | { type: 'connect'; source: string; port: string; target: string }
  | { type: 'updateNode'; node: DraftNode; at: number }
  | { type: 'select'; nodes: Iterable<string>; edges: Iterable<string> }
  /** What the person selected or unselected on the canvas, item by item (React Flow's select changes). */
  | { type: 'changeSelection'; nodes: readonly SelectionChange[]; edges: readonly SelectionChange[] }
  | { type: 'selectAll' }
  | { type: 'deleteSelection' }
  | { type: 'deleteEdges'; edgeIds: Iterable<string> }
  | { type: 'paste'; clipboard: Clipboard; offset: { x: number; y: number } }
  | { type: 'applyLayout'; positions: ReadonlyMap<string, { x: number; y: number }> }
  | { type: 'undo' }
  | { type: 'redo' };

/** One node or connection selected or unselected. */
export interface SelectionChange {
  readonly id: string;
  readonly selected: boolean;
}

const noSelection: Selection = { nodes: new Set(), edges: new Set() };

export function initialEditorState(document: DraftDocument): FlowEditorState {
  return {
    document,
    selection: noSelection,
    past: [],
    future: [],
    gestureStart: null,
    lastEdit: null,
    changeCount: 0,
  };
}

/** A node id not used in the document, readable in logs: `menu-2`. */
export function freshNodeId(kind: string, taken: ReadonlySet<string>): string {
  for (let n = 1; ; n++) {
    const id = `${kind}-${n}`;
    if (!taken.has(id)) return id;
  }
}

function freshEdgeId(source: string, port: string, taken: ReadonlySet<string>): string {
  const base = `${source}.${port}`.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 120);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** A change to the document: recorded for undo, clears redo. */
function commit(
  state: FlowEditorState,
  document: DraftDocument,
  selection = state.selection,
): FlowEditorState {
  return {
    ...state,
    document,
    selection,
    past: [...state.past, state.document].slice(-HISTORY_LIMIT),
    future: [],
    lastEdit: null,
    changeCount: state.changeCount + 1,
  };
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((item) => b.has(item));
}

function withChanges(selected: ReadonlySet<string>, changes: readonly SelectionChange[]): Set<string> {
  const next = new Set(selected);
  for (const change of changes) {
    if (change.selected) next.add(change.id);
    else next.delete(change.id);
  }
  return next;
}

function withPositions(
  document: DraftDocument,
  positions: ReadonlyMap<string, { x: number; y: number }>,
): DraftDocument {
  return {
    ...document,
    nodes: document.nodes.map((node) => {
      const position = positions.get(node.id);
      return position === undefined ? node : { ...node, position };
    }),
  };
}

function keepExisting(selection: Selection, document: DraftDocument): Selection {
  const nodeIds = new Set(document.nodes.map((node) => node.id));
  const edgeIds = new Set(document.edges.map((edge) => edge.id));
  return {
    nodes: new Set([...selection.nodes].filter((id) => nodeIds.has(id))),
    edges: new Set([...selection.edges].filter((id) => edgeIds.has(id))),
  };
}

/** Every change the canvas, palette, inspector and keyboard make to a flow, as one pure function. */
export function flowEditorReducer(state: FlowEditorState, action: FlowEditorAction): FlowEditorState {
  const { document } = state;
  switch (action.type) {
    case 'load':
      return initialEditorState(action.document);

    case 'replace':
      return commit(state, action.document, keepExisting(state.selection, action.document));

    case 'addNode': {
      const id = freshNodeId(action.kind, new Set(document.nodes.map((node) => node.id)));
      const node: DraftNode = {
        id,
        kind: action.kind,
        label: '',
        position: action.position,
        options: structuredClone(nodeKinds[action.kind].starterOptions),
      };
      return commit(
        state,
        { ...document, nodes: [...document.nodes, node] },
        { nodes: new Set([id]), edges: new Set() },
      );
    }

    case 'beginDrag':
      return { ...state, gestureStart: document };

    case 'moveNodes':
      // Positions change on every mouse move; only the whole drag is one undo step (endDrag).
      return { ...state, document: withPositions(document, action.positions) };

    case 'endDrag': {
      const start = state.gestureStart;
      if (start === null) return state;
      const moved = start.nodes.some((node, index) => {
        const now = document.nodes[index];
        return (
          now !== undefined && (now.position.x !== node.position.x || now.position.y !== node.position.y)
        );
      });
      if (!moved) return { ...state, gestureStart: null };
      return {
        ...state,
        gestureStart: null,
        past: [...state.past, start].slice(-HISTORY_LIMIT),
        future: [],
        lastEdit: null,
        changeCount: state.changeCount + 1,
      };
    }

    case 'connect': {
      if (action.source === action.target) return state;
      const nodeIds = new Set(document.nodes.map((node) => node.id));
      if (!nodeIds.has(action.source) || !nodeIds.has(action.target)) return state;
      // An outcome leads to one place: connecting a port again moves its connection.
      const others = document.edges.filter(
        (edge) => !(edge.source === action.source && edge.port === action.port),
      );
      const id = freshEdgeId(action.source, action.port, new Set(others.map((edge) => edge.id)));
      const edge: FlowEdge = { id, source: action.source, port: action.port, target: action.target };
      return commit(state, { ...document, edges: [...others, edge] });
    }

    case 'updateNode': {
      const index = document.nodes.findIndex((node) => node.id === action.node.id);
      if (index === -1) return state;
      const nodes = document.nodes.with(index, action.node);
      const before = document.nodes[index];
      const edges =
        before === undefined ? document.edges : carryConnections(before, action.node, document.edges);
      const next = { ...document, nodes, edges };
      const last = state.lastEdit;
      if (last !== null && last.nodeId === action.node.id && action.at - last.at < COALESCE_MS) {
        return {
          ...state,
          document: next,
          future: [],
          lastEdit: { nodeId: action.node.id, at: action.at },
          changeCount: state.changeCount + 1,
        };
      }
      return { ...commit(state, next), lastEdit: { nodeId: action.node.id, at: action.at } };
    }

    case 'select': {
      const nodes = new Set(action.nodes);
      const edges = new Set(action.edges);
      // React Flow reports the selection again after the canvas re-renders: the same one is no change.
      if (sameSet(nodes, state.selection.nodes) && sameSet(edges, state.selection.edges)) return state;
      return { ...state, selection: { nodes, edges }, lastEdit: null };
    }

    case 'changeSelection': {
      const nodes = withChanges(state.selection.nodes, action.nodes);
      const edges = withChanges(state.selection.edges, action.edges);
      if (sameSet(nodes, state.selection.nodes) && sameSet(edges, state.selection.edges)) return state;
      return { ...state, selection: { nodes, edges }, lastEdit: null };
    }

    case 'selectAll':
      return {
        ...state,
        selection: {
          nodes: new Set(document.nodes.map((node) => node.id)),
          edges: new Set(document.edges.map((edge) => edge.id)),
        },
      };

    case 'deleteSelection': {
      // Calls enter through Start: it cannot be deleted, only moved.
      const removed = new Set(
        document.nodes
          .filter((node) => state.selection.nodes.has(node.id) && node.kind !== 'start')
          .map((node) => node.id),
      );
      const edges = document.edges.filter(
        (edge) =>
          !state.selection.edges.has(edge.id) && !removed.has(edge.source) && !removed.has(edge.target),
      );
      if (removed.size === 0 && edges.length === document.edges.length) return state;
      return commit(
        state,
        { ...document, nodes: document.nodes.filter((node) => !removed.has(node.id)), edges },
        noSelection,
      );
    }

    case 'deleteEdges': {
      const gone = new Set(action.edgeIds);
      const edges = document.edges.filter((edge) => !gone.has(edge.id));
      if (edges.length === document.edges.length) return state;
      return commit(state, { ...document, edges }, keepExisting(state.selection, { ...document, edges }));
    }

    case 'paste': {
      const taken = new Set(document.nodes.map((node) => node.id));
      const renamed = new Map<string, string>();
      const nodes: DraftNode[] = [];
      for (const node of action.clipboard.nodes) {
        // A flow has one entry point; a copied Start is left out.
        if (node.kind === 'start') continue;
        const id = freshNodeId(node.kind, taken);
        taken.add(id);
        renamed.set(node.id, id);
        nodes.push({
          ...structuredClone(node),
          id,
          position: { x: node.position.x + action.offset.x, y: node.position.y + action.offset.y },
        });
      }
      if (nodes.length === 0) return state;
      const edgeIds = new Set(document.edges.map((edge) => edge.id));
      const edges: FlowEdge[] = [];
      for (const edge of action.clipboard.edges) {
        const source = renamed.get(edge.source);
        const target = renamed.get(edge.target);
        if (source === undefined || target === undefined) continue;
        const id = freshEdgeId(source, edge.port, edgeIds);
        edgeIds.add(id);
        edges.push({ id, source, port: edge.port, target });
      }
      return commit(
        state,
        { ...document, nodes: [...document.nodes, ...nodes], edges: [...document.edges, ...edges] },
        { nodes: new Set(nodes.map((node) => node.id)), edges: new Set(edges.map((edge) => edge.id)) },
      );
    }

    case 'applyLayout':
      return commit(state, withPositions(document, action.positions));

    case 'undo': {
      const previous = state.past.at(-1);
      if (previous === undefined) return state;
      return {
        ...state,
        document: previous,
        past: state.past.slice(0, -1),
        future: [document, ...state.future],
        selection: keepExisting(state.selection, previous),
        lastEdit: null,
        changeCount: state.changeCount + 1,
      };
    }

    case 'redo': {
      const next = state.future[0];
      if (next === undefined) return state;
      return {
        ...state,
        document: next,
        past: [...state.past, document],
        future: state.future.slice(1),
        selection: keepExisting(state.selection, next),
        lastEdit: null,
        changeCount: state.changeCount + 1,
      };
    }
  }
}

/** The selected nodes and the connections between them, ready to paste elsewhere. */
export function copySelection(state: FlowEditorState): Clipboard {
  const nodes = state.document.nodes.filter((node) => state.selection.nodes.has(node.id));
  const ids = new Set(nodes.map((node) => node.id));
  const edges = state.document.edges.filter((edge) => ids.has(edge.source) && ids.has(edge.target));
  return { nodes: structuredClone(nodes), edges: structuredClone(edges) };
}
