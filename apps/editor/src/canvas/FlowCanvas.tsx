import type { FlowEdge, FlowProblem } from '@callflow/flow';
import {
  applyNodeChanges,
  Background,
  Controls,
  type Edge,
  type EdgeChange,
  MiniMap,
  type NodeChange,
  type OnConnect,
  type OnNodeDrag,
  ReactFlow,
  useReactFlow,
  useStore,
  useStoreApi,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { type Dispatch, type DragEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { draftNodePorts } from './draftNodePorts.ts';
import { dropPlacement } from './dropPlacement.ts';
import { type FlowCanvasNode, FlowNodeCard, type FlowNodeData, type NodeTrace } from './FlowNodeCard.tsx';
import type { FlowEditorAction, FlowEditorState, SelectionChange } from './flowEditorReducer.ts';
import { nodeCardNames } from './nodeCardNames.ts';
import { newNodeSize } from './nodeSize.ts';
import { PALETTE_DRAG_TYPE, paletteKindOf } from './paletteDrag.ts';
import { useReadableFit } from './useReadableFit.ts';
import './canvas.css';

// Defined once at module scope: React Flow warns and re-mounts nodes when this object changes.
const nodeTypes = { flowNode: FlowNodeCard };

/** Above this many nodes only the visible ones are drawn. */
const LARGE_FLOW_NODES = 150;

/** The path of a call drawn over the flow: nodes it went through and connections it took. */
export interface CanvasTrace {
  readonly nodes: ReadonlyMap<string, NodeTrace>;
  readonly edges: ReadonlySet<string>;
}

interface FlowCanvasProps {
  readonly state: FlowEditorState;
  readonly dispatch: Dispatch<FlowEditorAction>;
  readonly problems: readonly FlowProblem[];
  readonly readOnly: boolean;
  readonly trace: CanvasTrace | null;
}

function sameData(a: FlowNodeData, b: FlowNodeData): boolean {
  return (
    a.kind === b.kind &&
    a.name === b.name &&
    a.portNames.length === b.portNames.length &&
    a.portNames.every((name, index) => name === b.portNames[index]) &&
    a.errors === b.errors &&
    a.warnings === b.warnings &&
    a.firstProblem === b.firstProblem &&
    a.dimmed === b.dimmed &&
    a.trace?.visits === b.trace?.visits &&
    a.trace?.totalMs === b.trace?.totalMs &&
    a.trace?.current === b.trace?.current &&
    a.ports.length === b.ports.length &&
    a.ports.every((port, index) => port === b.ports[index])
  );
}

/** The selections and unselections among React Flow's changes to nodes or connections. */
function selectChanges(changes: readonly (NodeChange | EdgeChange)[]): SelectionChange[] {
  return changes.flatMap((change) =>
    change.type === 'select' ? [{ id: change.id, selected: change.selected }] : [],
  );
}

/** The canvas: the flow's nodes and connections, editable unless read-only. */
export function FlowCanvas({ state, dispatch, problems, readOnly, trace }: FlowCanvasProps) {
  const { document, selection } = state;
  const { setViewport } = useReactFlow();
  const flowStore = useStoreApi();
  const fitReadable = useReadableFit();
  const [nodes, setNodes] = useState<FlowCanvasNode[]>([]);

  const problemsByNode = useMemo(() => {
    const byNode = new Map<string, FlowProblem[]>();
    for (const problem of problems) {
      if (problem.nodeId === null) continue;
      const nodeProblems = byNode.get(problem.nodeId);
      if (nodeProblems === undefined) byNode.set(problem.nodeId, [problem]);
      else nodeProblems.push(problem);
    }
    return byNode;
  }, [problems]);

  // Rebuilt from the document, keeping what React Flow measured and every node (and data object)
  // that did not change, so that only the nodes that changed re-render (a 500-node flow stays
  // responsive when one node is selected or edited).
  useEffect(() => {
    setNodes((previous) => {
      const before = new Map(previous.map((node) => [node.id, node]));
      const next = document.nodes.map((node): FlowCanvasNode => {
        const nodeProblems = problemsByNode.get(node.id) ?? [];
        const names = nodeCardNames(node, draftNodePorts(node, document));
        const data: FlowNodeData = {
          kind: node.kind,
          name: names.name,
          ports: names.ports,
          portNames: names.portNames,
          errors: nodeProblems.filter((problem) => problem.severity === 'error').length,
          warnings: nodeProblems.filter((problem) => problem.severity === 'warning').length,
          firstProblem: nodeProblems[0]?.message ?? null,
          trace: trace?.nodes.get(node.id) ?? null,
          dimmed: trace !== null && !trace.nodes.has(node.id),
        };
        const old = before.get(node.id);
        const selected = selection.nodes.has(node.id);
        const deletable = !readOnly && node.kind !== 'start';
        if (old === undefined)
          return { id: node.id, type: 'flowNode', position: node.position, data, selected, deletable };
        const keptData = sameData(old.data, data) ? old.data : data;
        const unchanged =
          keptData === old.data &&
          old.selected === selected &&
          old.deletable === deletable &&
          old.position.x === node.position.x &&
          old.position.y === node.position.y;
        return unchanged ? old : { ...old, position: node.position, data: keptData, selected, deletable };
      });
      const same = next.length === previous.length && next.every((node, index) => node === previous[index]);
      return same ? previous : next;
    });
  }, [document, selection, problemsByNode, trace, readOnly]);

  // The first view (after React Flow has the nodes: its store updates before this effect runs): the whole flow if it fits at a readable zoom, else its start (see readableViewport).
  const paneMeasured = useStore((store) => store.width > 0 && store.height > 0);
  const fitted = useRef(false);
  useEffect(() => {
    if (!fitted.current && paneMeasured && nodes.length > 0) fitted.current = fitReadable();
  }, [paneMeasured, nodes, fitReadable]);

  // Edges that did not change keep their object, so React Flow does not redraw all of them when the
  // selection or one connection changes. The cache only decides which equal object is reused.
  const edgeCache = useRef(new Map<string, Edge>());

  const edges = useMemo<Edge[]>(() => {
    const before = edgeCache.current;
    const built = new Map<string, Edge>();
    const nodesById = new Map(document.nodes.map((node) => [node.id, node]));
    /** "Menu: Sales, Support “Sales” to Play: “Sales line”", for screen readers. */
    const described = (edge: FlowEdge) => {
      const source = nodesById.get(edge.source);
      const target = nodesById.get(edge.target);
      if (source === undefined || target === undefined)
        return `${edge.source} ${edge.port} to ${edge.target}`;
      const sourceNames = nodeCardNames(source, draftNodePorts(source, document));
      const port = sourceNames.portNames[sourceNames.ports.indexOf(edge.port)] ?? edge.port;
      return `${sourceNames.name} “${port}” to ${nodeCardNames(target, draftNodePorts(target, document)).name}`;
    };
    const list = document.edges.map((edge) => {
      const ariaLabel = described(edge);
      const traced = trace?.edges.has(edge.id) === true;
      const selected = selection.edges.has(edge.id);
      const className = traced
        ? 'flow-edge flow-edge--traced'
        : trace !== null
          ? 'flow-edge flow-edge--dimmed'
          : 'flow-edge';
      const old = before.get(edge.id);
      const next =
        old !== undefined &&
        old.source === edge.source &&
        old.sourceHandle === edge.port &&
        old.target === edge.target &&
        old.selected === selected &&
        old.className === className &&
        old.ariaLabel === ariaLabel
          ? old
          : {
              id: edge.id,
              source: edge.source,
              sourceHandle: edge.port,
              target: edge.target,
              selected,
              className,
              animated: traced,
              ariaLabel,
              // For tests: which port to which node, whatever the names read (React Flow's types know no data-*).
              domAttributes: Object.fromEntries([
                ['data-testid', `edge-${edge.source}-${edge.port}-${edge.target}`],
              ]),
            };
      built.set(edge.id, next);
      return next;
    });
    edgeCache.current = built;
    return list;
  }, [document, selection.edges, trace]);

  // Selection flows one way: the person's clicks arrive here as select changes and go to the editor
  // state, which alone decides what the canvas shows as selected. React Flow's onSelectionChange is
  // not used: it reports the canvas's store, which lags the editor state by a render (and, when an
  // editor opens, still holds the previous page's nodes); feeding that back made the two swap
  // selections with each other until React gave up ("Maximum update depth exceeded").
  const onNodesChange = useCallback(
    (changes: NodeChange<FlowCanvasNode>[]) => {
      // Moves and measurements stay local while dragging; the document changes when the drag ends.
      setNodes((current) => applyNodeChanges(changes, current));
      const selecting = selectChanges(changes);
      if (selecting.length > 0) dispatch({ type: 'changeSelection', nodes: selecting, edges: [] });
    },
    [dispatch],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      const selecting = selectChanges(changes);
      if (selecting.length > 0) dispatch({ type: 'changeSelection', nodes: [], edges: selecting });
    },
    [dispatch],
  );

  const onConnect = useCallback<OnConnect>(
    (connection) => {
      if (connection.sourceHandle === null || connection.sourceHandle === undefined) return;
      dispatch({
        type: 'connect',
        source: connection.source,
        port: connection.sourceHandle,
        target: connection.target,
      });
    },
    [dispatch],
  );

  const onNodeDragStart = useCallback(() => dispatch({ type: 'beginDrag' }), [dispatch]);
  const onNodeDragStop = useCallback<OnNodeDrag<FlowCanvasNode>>(
    (_event, _node, dragged) => {
      dispatch({ type: 'moveNodes', positions: new Map(dragged.map((node) => [node.id, node.position])) });
      dispatch({ type: 'endDrag' });
    },
    [dispatch],
  );

  const onDrop = useCallback(
    (event: DragEvent) => {
      const kind = paletteKindOf(event.dataTransfer);
      if (kind === null || readOnly) return;
      event.preventDefault();
      // Worked out from the view as it is at the drop (never a view remembered from the drag's start).
      const { transform, width, height } = flowStore.getState();
      const pane = event.currentTarget.getBoundingClientRect();
      const placement = dropPlacement({
        pointer: { x: event.clientX - pane.left, y: event.clientY - pane.top },
        pane: { width, height },
        viewport: { x: transform[0], y: transform[1], zoom: transform[2] },
        size: newNodeSize(kind),
      });
      dispatch({ type: 'addNode', kind, position: placement.position });
      if (placement.viewport !== null) void setViewport(placement.viewport, { duration: 200 });
    },
    [dispatch, readOnly, flowStore, setViewport],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(PALETTE_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  return (
    <div
      className="flow-canvas"
      role="application"
      aria-label="Flow canvas"
      onDrop={onDrop}
      onDragOver={onDragOver}
      data-testid="flow-canvas"
    >
      <ReactFlow<FlowCanvasNode, Edge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onConnect={onConnect}
        onNodeDragStart={onNodeDragStart}
        onNodeDragStop={onNodeDragStop}
        onEdgesChange={onEdgesChange}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        edgesReconnectable={false}
        deleteKeyCode={null}
        multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
        selectionKeyCode="Shift"
        // Large flows draw only what is on screen: panning a 500-node flow stays smooth when zoomed in.
        onlyRenderVisibleElements={document.nodes.length > LARGE_FLOW_NODES}
        // A connection dragged near the edge must not scroll the canvas under the pointer: the node
        // aimed at moved away and the connection was silently dropped. Zoom out to reach far nodes.
        autoPanOnConnect={false}
        connectionRadius={28}
        minZoom={0.1}
        maxZoom={2}
        proOptions={{ hideAttribution: false }}
      >
        <Background gap={16} size={1} color="#d5dae1" />
        {/* Fit view is the toolbar's (it keeps text readable); here only zoom in and out. */}
        <Controls showInteractive={false} showFitView={false} />
        <MiniMap
          pannable
          zoomable
          nodeStrokeWidth={3}
          ariaLabel="Minimap of the flow"
          style={{ width: 150, height: 96 }}
        />
      </ReactFlow>
    </div>
  );
}
