import type { FlowProblem } from '@callflow/flow';
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
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { type Dispatch, type DragEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { draftNodePorts } from './draftNodePorts.ts';
import { type FlowCanvasNode, FlowNodeCard, type FlowNodeData, type NodeTrace } from './FlowNodeCard.tsx';
import type { FlowEditorAction, FlowEditorState, SelectionChange } from './flowEditorReducer.ts';
import { PALETTE_DRAG_TYPE, paletteKindOf } from './paletteDrag.ts';
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
    a.label === b.label &&
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
  const { screenToFlowPosition } = useReactFlow();
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
        const data: FlowNodeData = {
          kind: node.kind,
          label: node.label,
          ports: draftNodePorts(node, document),
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

  // Edges that did not change keep their object, so React Flow does not redraw all of them when the
  // selection or one connection changes. The cache only decides which equal object is reused.
  const edgeCache = useRef(new Map<string, Edge>());

  const edges = useMemo<Edge[]>(() => {
    const before = edgeCache.current;
    const built = new Map<string, Edge>();
    const list = document.edges.map((edge) => {
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
        old.className === className
          ? old
          : {
              id: edge.id,
              source: edge.source,
              sourceHandle: edge.port,
              target: edge.target,
              selected,
              className,
              animated: traced,
              ariaLabel: `${edge.source} ${edge.port} to ${edge.target}`,
            };
      built.set(edge.id, next);
      return next;
    });
    edgeCache.current = built;
    return list;
  }, [document.edges, selection.edges, trace]);

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
      const position = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      dispatch({ type: 'addNode', kind, position: { x: Math.round(position.x), y: Math.round(position.y) } });
    },
    [dispatch, readOnly, screenToFlowPosition],
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
        minZoom={0.1}
        maxZoom={2}
        fitView
        fitViewOptions={{ padding: 0.2, maxZoom: 1 }}
        proOptions={{ hideAttribution: false }}
      >
        <Background gap={16} size={1} color="#d5dae1" />
        <Controls showInteractive={false} />
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
