import type { FlowNode } from '../document/FlowDocument.ts';
import { portDisplayName } from '../document/portDisplayName.ts';
import { describeNode } from './describeNode.ts';
import { nodeProblemLead } from './nodeProblemLead.ts';

/** `Menu “Main menu” › “Sales”`: a node's outcome as the canvas shows it. */
function outcome(node: FlowNode, port: string): string {
  return `${describeNode(node)} › “${portDisplayName(node, port)}”`;
}

/** "A, B and C", at most `max` names and then "and N more". */
function andList(names: readonly string[], max = 5): string {
  const shown = names.length > max ? [...names.slice(0, max - 1), `${names.length - max + 1} more`] : names;
  return shown.length <= 1 ? shown.join('') : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
}

/**
 * What validation says about a flow's graph and its nodes, in the palette's words: nodes by their
 * names, outcomes as the canvas shows them, fields by their form labels, and what to do. Never an id
 * or a path: the problem carries those for programs.
 */
export const problemWords = {
  duplicateNodeId: (node: FlowNode) =>
    `${describeNode(node)} has the same id as another node in the file: give each node an id of its own`,
  duplicateEdgeId: (source: FlowNode | undefined) =>
    `${source === undefined ? 'A connection' : `A connection from ${describeNode(source)}`} has the same id as another connection in the file: give each connection an id of its own`,
  noStart: () => 'The flow has no Start node: add Start from the palette; calls enter the flow there',
  severalStarts: () =>
    'A flow has one Start node, where calls enter, and this is a second one: delete it and connect its next steps from the first Start',
  missingSource: () => 'A connection starts at a node that is not in the flow: delete the connection',
  unknownPort: (node: FlowNode, port: string, ports: readonly string[]) => {
    const choices =
      ports.length === 0
        ? 'it has no outcomes, so delete the connection'
        : `connect one of its outcomes instead (${ports.map((p) => `“${portDisplayName(node, p)}”`).join(', ')}) and delete this connection`;
    return `A connection leaves ${describeNode(node)} from an outcome it does not have (“${port}”): ${choices}`;
  },
  missingTarget: (node: FlowNode, port: string) =>
    `${outcome(node, port)} leads to a node that is not in the flow: connect it again`,
  portConnectedTwice: (node: FlowNode, port: string) =>
    `${outcome(node, port)} is connected more than once; an outcome leads to one next step: delete the extra connection`,
  unreachable: (node: FlowNode) =>
    `No call can reach ${describeNode(node)}: connect it from Start or from a step after Start, or delete it`,
  unconnectedPort: (node: FlowNode, port: string) => {
    const who =
      node.kind === 'menu' && node.options.choices.some((choice) => choice.digit === port)
        ? `callers who press ${port} hang up`
        : 'calls that take it hang up';
    return `${outcome(node, port)} is not connected: ${who}; connect it to what should happen next`;
  },
  /** A kind's own check of its options (e.g. a condition's pattern): the check's words after the field. */
  invalidOption: (node: FlowNode, path: string, message: string) =>
    `${nodeProblemLead(node, path)}${message}`,
  busyLoop: (nodes: readonly FlowNode[]) =>
    `${andList(nodes.map(describeNode))} make a loop in which nothing waits for the caller, so a call would go round it without end: add a step that waits (a Menu, Play or Collect digits) to the loop`,
  badTemplate: (node: FlowNode, path: string, name: string) =>
    `${nodeProblemLead(node, path)}“{{${name}}}” is not a variable: write one like {{vars.account}} or {{caller.number}}`,
  unknownVariable: (node: FlowNode, path: string, name: string) =>
    `${nodeProblemLead(node, path)}{{${name}}} is not set by any step before this one, so it will be empty`,
  tooManyVariables: (named: number, max: number) =>
    `The flow uses ${named} variables; a call holds at most ${max}, so once it holds that many a step that stores a new one stores nothing: use fewer variables`,
};
