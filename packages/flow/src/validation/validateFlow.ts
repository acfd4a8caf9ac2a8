import type { z } from 'zod';
import { type FlowDocument, flowDocument } from '../document/FlowDocument.ts';
import { nodeKindNames, nodeKinds } from '../nodes/nodeKinds.ts';
import { callVariables } from '../nodes/start/start.ts';
import { maxVariablesPerCall } from '../runtime/CallVariables.ts';
import { isSecretReference } from '../secrets/findSecretReferences.ts';
import { secretProblems } from '../secrets/secretProblems.ts';
import { templateReferences } from '../templates/templateReferences.ts';
import { describeNode } from './describeNode.ts';
import { FlowGraph, portsOf } from './FlowGraph.ts';
import type { FlowProblem } from './FlowProblem.ts';
import { type LibraryPrompts, promptProblems } from './promptProblems.ts';
import { stronglyConnectedComponents } from './stronglyConnectedComponents.ts';
import { type VariableAvailability, variableAvailability, variablesSetBy } from './variablesAvailableAt.ts';

export type FlowValidation =
  | { readonly ok: true; readonly document: FlowDocument; readonly problems: readonly FlowProblem[] }
  | { readonly ok: false; readonly document: FlowDocument | null; readonly problems: readonly FlowProblem[] };

const variableNamespaces = new Set(['caller', 'call', 'vars', 'http', 'dial', 'menu']);

function problem(
  severity: FlowProblem['severity'],
  code: string,
  message: string,
  at: { nodeId?: string; edgeId?: string; path?: string } = {},
): FlowProblem {
  return {
    severity,
    code,
    message,
    nodeId: at.nodeId ?? null,
    edgeId: at.edgeId ?? null,
    path: at.path ?? '',
  };
}

function rawNodeAt(input: unknown, index: unknown): { id?: unknown; kind?: unknown } | undefined {
  if (typeof input !== 'object' || input === null || !('nodes' in input) || !Array.isArray(input.nodes))
    return;
  const node: unknown = typeof index === 'number' ? input.nodes[index] : undefined;
  return typeof node === 'object' && node !== null ? node : undefined;
}

function schemaProblems(input: unknown, error: z.ZodError): FlowProblem[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const raw = issue.path[0] === 'nodes' ? rawNodeAt(input, issue.path[1]) : undefined;
    const nodeId = typeof raw?.id === 'string' ? raw.id : undefined;
    if (
      raw !== undefined &&
      issue.path.length <= 3 &&
      typeof raw.kind === 'string' &&
      !nodeKindNames.some((k) => k === raw.kind)
    ) {
      return problem(
        'error',
        'unknown-kind',
        `node kind "${raw.kind}" does not exist; use one of: ${nodeKindNames.join(', ')}`,
        {
          ...(nodeId === undefined ? {} : { nodeId }),
          path,
        },
      );
    }
    const field = issue.path.length > 0 ? `${path}: ` : '';
    return problem('error', 'invalid-field', `${field}${issue.message}`, {
      ...(nodeId === undefined ? {} : { nodeId }),
      path,
    });
  });
}

function collectStrings(value: unknown, path: string, out: { path: string; text: string }[]): void {
  if (typeof value === 'string') out.push({ path, text: value });
  else if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) collectStrings(item, `${path}.${i}`, out);
  } else if (typeof value === 'object' && value !== null)
    for (const [key, item] of Object.entries(value)) collectStrings(item, `${path}.${key}`, out);
}

/**
 * The most problems one validation lists; the rest are counted in a last problem. A person fixes the
 * first ones first, and a document built to hold millions of problems cannot make a response of
 * hundreds of megabytes.
 */
export const maxListedProblems = 1000;

/** The first maxListedProblems problems, and one more saying how many others there are. */
function listedProblems(
  problems: readonly FlowProblem[],
  unlisted: { readonly count: number; readonly errors: number },
): readonly FlowProblem[] {
  const beyond = problems.slice(maxListedProblems);
  const count = unlisted.count + beyond.length;
  if (count === 0) return problems;
  const errors = unlisted.errors + beyond.filter((p) => p.severity === 'error').length;
  const number = (n: number) => n.toLocaleString('en-US');
  return [
    ...problems.slice(0, maxListedProblems),
    problem(
      errors > 0 ? 'error' : 'warning',
      'too-many-problems',
      `${number(count)} more problems are not listed, ${number(errors)} of them errors; fix the ones above first`,
    ),
  ];
}

/** What validation may know beyond the document; without it, what needs it is not checked. */
export interface FlowValidationContext {
  /** The prompt library (id → name and languages with audio): checks the library prompts a flow plays. */
  readonly prompts?: LibraryPrompts;
}

/** Checks a flow document (any JSON) and lists every problem; used by the CLI, the API and the runtime. */
export function validateFlow(input: unknown, context: FlowValidationContext = {}): FlowValidation {
  const parsed = flowDocument.safeParse(input);
  if (!parsed.success)
    return {
      ok: false,
      document: null,
      problems: listedProblems(schemaProblems(input, parsed.error), { count: 0, errors: 0 }),
    };
  const document = parsed.data;
  const graph = new FlowGraph(document);
  const problems: FlowProblem[] = [];

  const seenIds = new Set<string>();
  document.nodes.forEach((node, index) => {
    if (seenIds.has(node.id))
      problems.push(
        problem('error', 'duplicate-node-id', `two nodes share the id "${node.id}"`, {
          nodeId: node.id,
          path: `nodes.${index}.id`,
        }),
      );
    seenIds.add(node.id);
  });
  const seenEdgeIds = new Set<string>();
  document.edges.forEach((edge, index) => {
    if (seenEdgeIds.has(edge.id))
      problems.push(
        problem('error', 'duplicate-edge-id', `two connections share the id "${edge.id}"`, {
          edgeId: edge.id,
          path: `edges.${index}.id`,
        }),
      );
    seenEdgeIds.add(edge.id);
  });

  const starts = document.nodes.filter((node) => node.kind === 'start');
  if (starts.length === 0)
    problems.push(problem('error', 'no-start', 'the flow needs a Start node where calls enter'));
  for (const extra of starts.slice(1))
    problems.push(
      problem('error', 'several-starts', `only one Start node is allowed; remove ${describeNode(extra)}`, {
        nodeId: extra.id,
      }),
    );

  const usedPorts = new Set<string>();
  document.edges.forEach((edge, index) => {
    const at = { edgeId: edge.id, path: `edges.${index}` };
    const source = graph.nodesById.get(edge.source);
    if (source === undefined) {
      problems.push(
        problem(
          'error',
          'missing-source',
          `a connection starts at node "${edge.source}", which does not exist`,
          at,
        ),
      );
      return;
    }
    const ports = portsOf(source);
    if (!ports.includes(edge.port)) {
      const choices = ports.length === 0 ? 'it has no outcomes' : `its outcomes are ${ports.join(', ')}`;
      problems.push(
        problem(
          'error',
          'unknown-port',
          `${describeNode(source)} has no outcome "${edge.port}"; ${choices}`,
          { ...at, nodeId: source.id },
        ),
      );
    }
    if (!graph.nodesById.has(edge.target))
      problems.push(
        problem(
          'error',
          'missing-target',
          `a connection from ${describeNode(source)} leads to node "${edge.target}", which does not exist`,
          { ...at, nodeId: source.id },
        ),
      );
    const portKey = `${edge.source}\u0000${edge.port}`;
    if (usedPorts.has(portKey))
      problems.push(
        problem(
          'error',
          'port-connected-twice',
          `outcome "${edge.port}" of ${describeNode(source)} is connected more than once`,
          { ...at, nodeId: source.id },
        ),
      );
    usedPorts.add(portKey);
  });

  const start = starts[0];
  const reachable = start === undefined ? new Set<string>() : graph.reachableFrom(start.id);
  document.nodes.forEach((node, index) => {
    const at = { nodeId: node.id, path: `nodes.${index}` };
    if (start !== undefined && !reachable.has(node.id))
      problems.push(
        problem('warning', 'unreachable', `${describeNode(node)} can never be reached from Start`, at),
      );
    if (reachable.has(node.id))
      for (const port of portsOf(node))
        if (!usedPorts.has(`${node.id}\u0000${port}`))
          problems.push(
            problem(
              'warning',
              'unconnected-port',
              `outcome "${port}" of ${describeNode(node)} is not connected: the call hangs up there`,
              at,
            ),
          );
    const definition = nodeKinds[node.kind] as {
      check?(options: unknown): readonly { path: readonly (string | number)[]; message: string }[];
    };
    for (const issue of definition.check?.(node.options) ?? [])
      problems.push(
        problem('error', 'invalid-option', `${describeNode(node)}: ${issue.message}`, {
          ...at,
          path: `${at.path}.options.${issue.path.join('.')}`,
        }),
      );
  });

  // A loop spins only if it can go round without passing a node that waits: look for cycles among
  // the nodes that do not wait.
  const busyNodes = [...graph.nodesById.values()].filter((node) => !nodeKinds[node.kind].waitsForCaller);
  const busy = new Set(busyNodes.map((node) => node.id));
  const busySuccessors = (id: string) => graph.successors(id).filter((next) => busy.has(next));
  for (const component of stronglyConnectedComponents([...busy], busySuccessors)) {
    const first = component[0];
    if (first === undefined || (component.length === 1 && !busySuccessors(first).includes(first))) continue;
    const names = component.map((id) => `"${id}"`).join(', ');
    problems.push(
      problem(
        'error',
        'busy-loop',
        `nodes ${names} form a loop where nothing waits for the caller; add a prompt, menu or other waiting node to the loop`,
        { nodeId: first },
      ),
    );
  }

  // Templates are where a document can hold most problems (a 5 MB draft holds a million `{{}}`): each
  // distinct name is reported once per field, and past the listed maximum they are only counted.
  let availability: VariableAvailability | undefined;
  const unlisted = { count: 0, errors: 0 };
  const report = (severity: FlowProblem['severity'], describe: () => FlowProblem) => {
    if (problems.length < maxListedProblems) problems.push(describe());
    else {
      unlisted.count++;
      if (severity === 'error') unlisted.errors++;
    }
  };
  document.nodes.forEach((node, index) => {
    const strings: { path: string; text: string }[] = [];
    collectStrings(node.options, `nodes.${index}.options`, strings);
    for (const { path, text } of strings) {
      const reported = new Set<string>();
      for (const reference of templateReferences(text)) {
        if (reported.has(reference.name)) continue;
        reported.add(reference.name);
        const at = { nodeId: node.id, path };
        if (!reference.valid) {
          report('error', () =>
            problem(
              'error',
              'bad-template',
              `${describeNode(node)}: "{{${reference.name}}}" is not a variable name (use e.g. {{vars.account}})`,
              at,
            ),
          );
          continue;
        }
        // Secrets are not call variables: where they may go is checked by secretProblems below.
        if (isSecretReference(reference.name)) continue;
        const namespace = reference.name.split('.')[0] ?? '';
        availability ??= variableAvailability(graph);
        if (!variableNamespaces.has(namespace) || !availability.has(node.id, reference.name))
          report('warning', () =>
            problem(
              'warning',
              'unknown-variable',
              `${describeNode(node)} uses {{${reference.name}}}, which no earlier node sets; it will be empty`,
              at,
            ),
          );
      }
    }
  });
  const named = new Set([...callVariables, ...document.nodes.flatMap(variablesSetBy)]);
  if (named.size > maxVariablesPerCall)
    problems.push(
      problem(
        'warning',
        'too-many-variables',
        `the flow names ${named.size} variables; a call holds at most ${maxVariablesPerCall}, so once it holds that many a node storing a new one stores nothing`,
      ),
    );
  problems.push(...secretProblems(document, { describeNode }));
  problems.push(...promptProblems(document, context.prompts));

  const ok = unlisted.errors === 0 && problems.every((p) => p.severity !== 'error');
  const listed = listedProblems(problems, unlisted);
  return ok ? { ok, document, problems: listed } : { ok, document, problems: listed };
}
