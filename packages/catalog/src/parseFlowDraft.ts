import { type FlowDraft, flowDraft } from '@callflow/contract';
import {
  type FlowProblem,
  type FlowValidation,
  type FlowValidationContext,
  validateFlow,
} from '@callflow/flow';
import type { z } from 'zod';

export type ParsedFlowDraft =
  | { readonly ok: true; readonly draft: FlowDraft; readonly validation: FlowValidation }
  /** Not a flow draft: every problem, validation's and the draft shape's, paths into the document. */
  | { readonly ok: false; readonly problems: readonly FlowProblem[] };

/**
 * The draft shape's refusals that validation does not state itself: its own bounds (how deep a node's
 * settings nest), and any other on a field validation says nothing about. Each is on its node.
 */
function shapeProblems(input: unknown, error: z.ZodError, described: ReadonlySet<string>): FlowProblem[] {
  const nodes = typeof input === 'object' && input !== null && 'nodes' in input ? input.nodes : undefined;
  const unstated = error.issues.filter(
    (issue) => issue.code === 'custom' || !described.has(issue.path.map(String).join('.')),
  );
  return unstated.map((issue) => {
    const node: unknown =
      issue.path[0] === 'nodes' && Array.isArray(nodes) ? nodes[Number(issue.path[1])] : undefined;
    const nodeId =
      typeof node === 'object' && node !== null && 'id' in node && typeof node.id === 'string'
        ? node.id
        : null;
    return {
      severity: 'error',
      code: 'invalid-field',
      message: issue.message,
      nodeId,
      edgeId: null,
      path: issue.path.map(String).join('.'),
    };
  });
}

/**
 * Reads a flow draft, as a draft save, a new flow and an import take one: it may have validation
 * errors (unconnected nodes while drawing, a required field just cleared, a timeout out of range) but
 * must have the shape of a flow draft (flowDraft: known node kinds, ids, bounded counts and nesting).
 * A valid flow document comes back with its option defaults filled in; a draft with field errors comes
 * back as it was given, to be stored as it is. Anything else is not a draft: every problem is listed.
 * `context` (the prompt library) adds its checks to the validation returned.
 */
export function parseFlowDraft(input: unknown, context: FlowValidationContext = {}): ParsedFlowDraft {
  const validation = validateFlow(input, context);
  if (validation.document !== null) return { ok: true, draft: validation.document, validation };
  const shape = flowDraft.safeParse(input);
  if (shape.success) return { ok: true, draft: shape.data, validation };
  // Validation's words first (they name fields as the editor does); the shape adds what validation
  // does not check (how deep a node's settings nest).
  const described = new Set(validation.problems.map((problem) => problem.path));
  return { ok: false, problems: [...validation.problems, ...shapeProblems(input, shape.error, described)] };
}
