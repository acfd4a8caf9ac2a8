import { type FlowDocument, flowDocument } from '../document/FlowDocument.ts';
import { nodeKinds } from '../nodes/nodeKinds.ts';
import { callVariables } from '../nodes/start/start.ts';
import { maxVariablesPerCall } from '../runtime/CallVariables.ts';
import { isSecretReference } from '../secrets/findSecretReferences.ts';
import { secretProblems } from '../secrets/secretProblems.ts';
import { templateReferences } from '../templates/templateReferences.ts';
import { errorPort, FlowGraph, portsOf } from './FlowGraph.ts';
import type { FlowProblem } from './FlowProblem.ts';
import { wordlessIssue } from './issueWords.ts';
import { problemWords } from './problemWords.ts';
import { type LibraryPrompts, promptProblems } from './promptProblems.ts';
import { schemaProblems } from './schemaProblems.ts';
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
  const parsed = flowDocument.safeParse(input, { error: () => wordlessIssue });
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
        problem('error', 'duplicate-node-id', problemWords.duplicateNodeId(node), {
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
        problem(
          'error',
          'duplicate-edge-id',
          problemWords.duplicateEdgeId(graph.nodesById.get(edge.source)),
          {
            edgeId: edge.id,
            path: `edges.${index}.id`,
          },
        ),
      );
    seenEdgeIds.add(edge.id);
  });

  const starts = document.nodes.filter((node) => node.kind === 'start');
  if (starts.length === 0) problems.push(problem('error', 'no-start', problemWords.noStart()));
  for (const extra of starts.slice(1))
    problems.push(
      problem('error', 'several-starts', problemWords.severalStarts(), {
        nodeId: extra.id,
      }),
    );

  const usedPorts = new Set<string>();
  document.edges.forEach((edge, index) => {
    const at = { edgeId: edge.id, path: `edges.${index}` };
    const source = graph.nodesById.get(edge.source);
    if (source === undefined) {
      problems.push(problem('error', 'missing-source', problemWords.missingSource(), at));
      return;
    }
    const ports = portsOf(source);
    if (!ports.includes(edge.port)) {
      problems.push(
        problem('error', 'unknown-port', problemWords.unknownPort(source, edge.port, ports), {
          ...at,
          nodeId: source.id,
        }),
      );
    }
    if (!graph.nodesById.has(edge.target))
      problems.push(
        problem('error', 'missing-target', problemWords.missingTarget(source, edge.port), {
          ...at,
          nodeId: source.id,
        }),
      );
    const portKey = `${edge.source}\u0000${edge.port}`;
    if (usedPorts.has(portKey))
      problems.push(
        problem('error', 'port-connected-twice', problemWords.portConnectedTwice(source, edge.port), {
          ...at,
          nodeId: source.id,
        }),
      );
    usedPorts.add(portKey);
  });

  const start = starts[0];
  const reachable = start === undefined ? new Set<string>() : graph.reachableFrom(start.id);
  let unconnectedErrorPorts = 0;
  document.nodes.forEach((node, index) => {
    const at = { nodeId: node.id, path: `nodes.${index}` };
    if (start !== undefined && !reachable.has(node.id))
      problems.push(problem('warning', 'unreachable', problemWords.unreachable(node), at));
    if (reachable.has(node.id))
      // An unconnected error port leads to the flow's On error path: warned about once, on Start.
      for (const port of portsOf(node))
        if (port === errorPort)
          unconnectedErrorPorts += node === start || usedPorts.has(`${node.id}\u0000${port}`) ? 0 : 1;
        else if (!usedPorts.has(`${node.id}\u0000${port}`))
          problems.push(problem('warning', 'unconnected-port', problemWords.unconnectedPort(node, port), at));
    const definition = nodeKinds[node.kind] as {
      check?(options: unknown): readonly { path: readonly (string | number)[]; message: string }[];
    };
    for (const issue of definition.check?.(node.options) ?? [])
      problems.push(
        problem(
          'error',
          'invalid-option',
          problemWords.invalidOption(node, `options.${issue.path.join('.')}`, issue.message),
          {
            ...at,
            path: `${at.path}.options.${issue.path.join('.')}`,
          },
        ),
      );
  });

  if (start !== undefined && !graph.hasErrorPath && unconnectedErrorPorts > 0)
    problems.push(
      problem(
        'warning',
        'no-error-path',
        'When a step ends in “Failed” (a sound is missing, a recording cannot start, a web lookup gets an error) and that outcome is not connected, the call hangs up. Connect Start’s “On error” to what callers should hear then, e.g. a Play “Sorry, something went wrong” and a Hang up. Only “Failed” outcomes go there: connect other outcomes, such as a Dial’s “Could not call” or a lookup’s “No answer in time”, on their own step',
        { nodeId: start.id, path: `nodes.${document.nodes.indexOf(start)}` },
      ),
    );

  // A loop spins only if it can go round without passing a node that waits: look for cycles among
  // the nodes that do not wait.
  const busyNodes = [...graph.nodesById.values()].filter((node) => !nodeKinds[node.kind].waitsForCaller);
  const busy = new Set(busyNodes.map((node) => node.id));
  const busySuccessors = (id: string) => graph.successors(id).filter((next) => busy.has(next));
  for (const component of stronglyConnectedComponents([...busy], busySuccessors)) {
    const first = component[0];
    if (first === undefined || (component.length === 1 && !busySuccessors(first).includes(first))) continue;
    const loop = component.flatMap((id) => graph.nodesById.get(id) ?? []);
    problems.push(problem('error', 'busy-loop', problemWords.busyLoop(loop), { nodeId: first }));
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
            problem('error', 'bad-template', problemWords.badTemplate(node, path, reference.name), at),
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
              problemWords.unknownVariable(node, path, reference.name),
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
        problemWords.tooManyVariables(named.size, maxVariablesPerCall),
      ),
    );
  problems.push(...secretProblems(document));
  problems.push(...promptProblems(document, context.prompts));

  const ok = unlisted.errors === 0 && problems.every((p) => p.severity !== 'error');
  const listed = listedProblems(problems, unlisted);
  return ok ? { ok, document, problems: listed } : { ok, document, problems: listed };
}
