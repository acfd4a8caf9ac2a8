import type { z } from 'zod';
import { flowDocument } from '../document/FlowDocument.ts';
import { schemaVersionProblem } from '../document/migrateFlowDocument.ts';
import { nodeKindOf } from '../nodes/nodeKindOf.ts';
import { nodeKinds } from '../nodes/nodeKinds.ts';
import { describeNode } from './describeNode.ts';
import type { FlowProblem } from './FlowProblem.ts';
import { fieldAtPath, type UnwrappedSchema } from './fieldLabel.ts';
import { issueWords, wordlessIssue } from './issueWords.ts';

type Issue = z.core.$ZodIssue;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === 'number') current = current[segment];
    else if (isRecord(current) && typeof segment === 'string' && Object.hasOwn(current, segment))
      current = current[segment];
    else return undefined;
  }
  return current;
}

/** "Menu “Main menu”: Choices › choice 2 › Digit: use …", or "Dial has a field “x” …" for unknown fields. */
function sentence(
  issue: Issue,
  subject: string,
  label: string,
  field: UnwrappedSchema,
  value: unknown,
): string {
  if (issue.code === 'unrecognized_keys' && label === '')
    return `${subject} has ${unknownFields(issue.keys)}`;
  const text = issue.message === wordlessIssue ? issueWords(issue, field, value) : issue.message;
  return label === '' ? `${subject}: ${text}` : `${subject}: ${label}: ${text}`;
}

/** "a field “hello” that Callflow does not know: remove it" */
function unknownFields(keys: readonly string[]): string {
  const names = keys.map((key) => `“${key.slice(0, 64)}”`).join(', ');
  return keys.length === 1
    ? `a field ${names} that Callflow does not know: remove it`
    : `fields that Callflow does not know (${names}): remove them`;
}

const paletteTitles = () =>
  Object.values(nodeKinds)
    .map((kind) => kind.title)
    .join(', ');

/** The form's words for the fields every node has. */
const envelopeLabels: Readonly<Record<string, string>> = { id: 'Id', label: 'Label', position: 'Position' };
const edgeLabels: Readonly<Record<string, string>> = {
  id: 'Id',
  source: 'From',
  port: 'Outcome',
  target: 'To',
};

/** The document schema's field at a path into the input (a node's variant chosen by its kind). */
function schemaAt(input: unknown, path: readonly PropertyKey[]): UnwrappedSchema {
  return fieldAtPath(flowDocument, input, path).schema;
}

function nodeProblem(input: unknown, issue: Issue, index: number): Omit<FlowProblem, 'path'> {
  const raw = valueAt(input, ['nodes', index]);
  const node = isRecord(raw) ? raw : {};
  const nodeId = typeof node.id === 'string' ? node.id : null;
  const at = { severity: 'error' as const, nodeId, edgeId: null };
  const label = typeof node.label === 'string' ? node.label.trim() : '';
  const kind = typeof node.kind === 'string' ? node.kind : '';
  const definition = nodeKindOf(kind) === undefined ? undefined : nodeKinds[kind as keyof typeof nodeKinds];
  const [, , field, ...rest] = issue.path;
  if (definition === undefined && isRecord(raw) && (field === undefined || field === 'kind')) {
    const which = label === '' ? 'A node' : `The node “${label}”`;
    const what =
      kind === '' ? 'has no kind' : `is of a kind this Callflow does not have (“${kind.slice(0, 64)}”)`;
    return {
      ...at,
      code: 'unknown-kind',
      message: `${which} ${what}: replace it with one from the palette: ${paletteTitles()}`,
    };
  }
  const subject = isRecord(raw)
    ? describeNode({ kind, label, options: node.options })
    : `Node ${index + 1} of the flow`;
  const value = valueAt(input, issue.path);
  if (field === 'options' && definition !== undefined) {
    const place = fieldAtPath(definition.options, node.options, rest);
    return {
      ...at,
      code: 'invalid-field',
      message: sentence(issue, subject, place.labels.join(' › '), place.schema, value),
    };
  }
  const fieldName = typeof field === 'string' ? (envelopeLabels[field] ?? field) : '';
  return {
    ...at,
    code: 'invalid-field',
    message: sentence(issue, subject, fieldName, schemaAt(input, issue.path), value),
  };
}

function edgeProblem(input: unknown, issue: Issue, index: number): Omit<FlowProblem, 'path'> {
  const edge = valueAt(input, ['edges', index]);
  const edgeId = isRecord(edge) && typeof edge.id === 'string' ? edge.id : null;
  const nodes = valueAt(input, ['nodes']);
  const source =
    isRecord(edge) && Array.isArray(nodes)
      ? nodes.find((node) => isRecord(node) && node.id === edge.source)
      : undefined;
  const subject =
    isRecord(source) && typeof source.kind === 'string' && nodeKindOf(source.kind) !== undefined
      ? `A connection from ${describeNode({ kind: source.kind, label: typeof source.label === 'string' ? source.label : '', options: source.options })}`
      : `Connection ${index + 1} of the flow`;
  const [, , field] = issue.path;
  const fieldName = typeof field === 'string' ? (edgeLabels[field] ?? field) : '';
  const value = valueAt(input, issue.path);
  return {
    severity: 'error',
    code: 'invalid-field',
    nodeId: null,
    edgeId,
    message: sentence(issue, subject, fieldName, schemaAt(input, issue.path), value),
  };
}

/** Problems of the document as a whole: its format, its unknown fields, its lists. */
function documentProblems(input: unknown, issue: Issue): string[] {
  const [field] = issue.path;
  if (!isRecord(input))
    return ['This is not a flow: a flow is a JSON object with schemaVersion, nodes and edges'];
  if (field === undefined && issue.code === 'unrecognized_keys')
    return [`The flow has ${unknownFields(issue.keys)}`];
  if (field === 'schemaVersion')
    return [
      schemaVersionProblem(input.schemaVersion) ??
        `This flow is in flow format ${String(input.schemaVersion)}, which this Callflow reads only when importing a file: import it to bring it up to date`,
    ];
  const noun = field === 'edges' ? 'connections' : String(field);
  return [sentence(issue, `The flow’s ${noun}`, '', schemaAt(input, issue.path), valueAt(input, issue.path))];
}

/**
 * A flow document's schema issues as problems in the form's words: which node (by its name, never its
 * id), which field (by its label in the inspector, "Choices › choice 2 › Digit") and what to do.
 * `path` keeps the exact place (`nodes.4.options.choices.1.digit`) for the API and the CLI.
 * Parse with `{ error: () => wordlessIssue }` so issues without a message of their own get words here.
 */
export function schemaProblems(input: unknown, error: z.ZodError): FlowProblem[] {
  const seen = new Set<string>();
  return error.issues.flatMap((issue): FlowProblem[] => {
    const path = issue.path.map(String).join('.');
    // zod goes on checking a field after its first failure ("name the recording", then "use a name
    // like…"): the first says what to do.
    if (seen.has(path)) return [];
    seen.add(path);
    const [first, index] = issue.path;
    if (first === 'nodes' && typeof index === 'number')
      return [{ ...nodeProblem(input, issue, index), path }];
    if (first === 'edges' && typeof index === 'number')
      return [{ ...edgeProblem(input, issue, index), path }];
    return documentProblems(input, issue).map((message) => ({
      severity: 'error',
      code: 'invalid-field',
      message,
      nodeId: null,
      edgeId: null,
      path,
    }));
  });
}
