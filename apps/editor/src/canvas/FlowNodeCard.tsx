import { type NodeKind, nodeKinds } from '@callflow/flow';
import { Handle, type Node, type NodeProps, Position } from '@xyflow/react';
import { AlertCircle, AlertTriangle } from 'lucide-react';
import { memo } from 'react';
import { formatDuration } from '../calls/formatDuration.ts';
import { nodeIcons } from './nodeIcons.ts';

/** Where a call went through this node, when the canvas shows a call's path. */
export interface NodeTrace {
  readonly visits: number;
  readonly totalMs: number;
  /** The call is in this node right now. */
  readonly current: boolean;
}

export type FlowNodeData = {
  kind: NodeKind;
  /** The node's name for people (nodeDisplayName): its label, or its kind with what it does. */
  name: string;
  ports: readonly string[];
  /** What each port is called on screen (portDisplayName), in the order of `ports`. */
  portNames: readonly string[];
  errors: number;
  warnings: number;
  firstProblem: string | null;
  trace: NodeTrace | null;
  /** True when a call path is shown and this node is not on it. */
  dimmed: boolean;
};

export type FlowCanvasNode = Node<FlowNodeData, 'flowNode'>;

/** One node on the canvas: its kind, name, problem marker and a labelled handle per outcome port. */
export const FlowNodeCard = memo(function FlowNodeCard({ id, data, selected }: NodeProps<FlowCanvasNode>) {
  const definition = nodeKinds[data.kind];
  const Icon = nodeIcons[definition.icon];
  // The header already says the kind: "Menu: Sales, Support" reads "Sales, Support" under MENU.
  const kindPrefix = `${definition.title}: `;
  const name = data.name.startsWith(kindPrefix) ? data.name.slice(kindPrefix.length) : data.name;
  const state = data.errors > 0 ? 'error' : data.warnings > 0 ? 'warning' : 'ok';
  return (
    <div
      className="flow-node"
      data-kind={data.kind}
      data-state={state}
      data-selected={selected}
      data-traced={data.trace !== null}
      data-current={data.trace?.current === true}
      data-dimmed={data.dimmed}
      data-testid={`node-${id}`}
      title={data.firstProblem ?? undefined}
    >
      {data.kind !== 'start' && <Handle type="target" position={Position.Left} className="flow-node__in" />}
      <div className="flow-node__header">
        <span className="flow-node__icon" aria-hidden="true">
          <Icon size={14} strokeWidth={2} />
        </span>
        <span className="flow-node__kind">{definition.title}</span>
        {state !== 'ok' && (
          <span
            className="flow-node__problem"
            role="img"
            aria-label={`${data.errors} errors, ${data.warnings} warnings`}
            data-testid={`node-problem-${id}`}
          >
            {state === 'error' ? <AlertCircle size={14} /> : <AlertTriangle size={14} />}
          </span>
        )}
      </div>
      <div className="flow-node__label" title={data.name}>
        {name}
      </div>
      {data.trace !== null && (
        <div className="flow-node__trace" data-testid={`node-trace-${id}`}>
          {data.trace.current ? 'in this step now' : formatDuration(data.trace.totalMs)}
          {data.trace.visits > 1 ? ` · ${data.trace.visits}×` : ''}
        </div>
      )}
      {data.ports.length > 0 && (
        <ul className="plain-list flow-node__ports">
          {data.ports.map((port, index) => (
            <li key={port} className="flow-node__port" title={data.portNames[index]}>
              <span className="flow-node__port-name">{data.portNames[index] ?? port}</span>
              <Handle
                type="source"
                position={Position.Right}
                id={port}
                className="flow-node__out"
                data-testid={`port-${id}-${port}`}
              />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
});
