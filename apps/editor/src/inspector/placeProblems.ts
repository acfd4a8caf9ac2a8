import { describeNode, type FlowProblem, nodeProblemLead } from '@callflow/flow';
import { isRecord } from './newValue.ts';
import type { FieldShape, OptionField } from './optionFields.ts';

export interface PlacedProblems {
  /** Problems of the node as a whole, and those of fields the form does not show. */
  readonly top: readonly FlowProblem[];
  /** Problems by the path of the field they belong to: `label`, or `options.choices.1.digit`. */
  readonly byPath: ReadonlyMap<string, readonly FlowProblem[]>;
}

/** The node as the inspector has it: what problems name it by. */
interface InspectedNode {
  readonly id: string;
  readonly kind: string;
  readonly label: string;
  readonly options: unknown;
}

/**
 * A problem's message without what the inspector already shows: under its field, without the node's
 * name and the field's label ("Menu “Main menu”: Choices › choice 1 › Digit: choose…" → "choose…");
 * at the top, without the node's name. A message written for another state of the node stays whole.
 */
function shownMessage(problem: FlowProblem, node: InspectedNode, underField: boolean): string {
  const name = describeNode(node);
  const fieldLeads = [nodeProblemLead(node, problem.path), `${name}: Label: `, `${name}: Id: `];
  const leads = [...(underField ? fieldLeads : []), `${name}: `];
  const lead = leads.find((candidate) => problem.message.startsWith(candidate));
  return lead === undefined ? problemText(problem) : problem.message.slice(lead.length);
}

/**
 * Which problems the inspector shows next to which field: a problem at
 * `nodes.<index>.options.choices.1.digit` goes to that field; one deeper than any field (e.g. one
 * weekday of a checkbox group) goes to the nearest field above it, and the rest go to the top.
 */
export function placeProblems(
  problems: readonly FlowProblem[],
  node: InspectedNode,
  nodeIndex: number,
  fields: readonly OptionField[],
): PlacedProblems {
  const prefix = `nodes.${nodeIndex}`;
  const shown = new Set<string>(['label', 'id']);
  collectShapePaths({ type: 'object', fields }, node.options, 'options', shown);
  const top: FlowProblem[] = [];
  const byPath = new Map<string, FlowProblem[]>();
  for (const problem of problems) {
    if (problem.nodeId !== node.id) continue;
    // Two nodes may share an id (itself a problem): a path says which of them a problem is about.
    const ownPath = problem.path === prefix || problem.path.startsWith(`${prefix}.`);
    if (problem.path.startsWith('nodes.') && !ownPath) continue;
    const target = ownPath ? nearestShown(problem.path.slice(prefix.length + 1), shown) : null;
    if (target === null) top.push({ ...problem, message: shownMessage(problem, node, false) });
    else
      byPath.set(target, [
        ...(byPath.get(target) ?? []),
        { ...problem, message: shownMessage(problem, node, true) },
      ]);
  }
  return { top, byPath };
}

/** The message without a path it starts with (as some request problems do): the field shows where. */
export function problemText(problem: FlowProblem): string {
  const lead = `${problem.path}: `;
  return problem.path !== '' && problem.message.startsWith(lead)
    ? problem.message.slice(lead.length)
    : problem.message;
}

function nearestShown(path: string, shown: ReadonlySet<string>): string | null {
  const parts = path.split('.');
  for (let length = parts.length; length > 0; length--) {
    const candidate = parts.slice(0, length).join('.');
    if (candidate !== 'options' && shown.has(candidate)) return candidate;
  }
  return null;
}

function collectShapePaths(shape: FieldShape, value: unknown, path: string, out: Set<string>): void {
  if (shape.type === 'object') {
    for (const field of shape.fields) {
      const fieldPath = `${path}.${field.key}`;
      out.add(fieldPath);
      collectShapePaths(field.shape, isRecord(value) ? value[field.key] : undefined, fieldPath, out);
    }
  } else if (shape.type === 'variants') {
    out.add(`${path}.${shape.discriminator}`);
    const current = isRecord(value) ? value[shape.discriminator] : undefined;
    const variant = shape.variants.find((candidate) => candidate.value === current);
    if (variant !== undefined)
      collectShapePaths({ type: 'object', fields: variant.fields }, value, path, out);
  } else if (shape.type === 'list' && Array.isArray(value)) {
    value.forEach((item: unknown, index) => {
      out.add(`${path}.${index}`);
      collectShapePaths(shape.item, item, `${path}.${index}`, out);
    });
  }
}
