import type { FlowDocument, FlowNode } from '../document/FlowDocument.ts';
import type { FlowProblem } from '../validation/FlowProblem.ts';
import { nodeProblemLead } from '../validation/nodeProblemLead.ts';
import { findSecretReferences } from './findSecretReferences.ts';

export interface SecretProblemOptions {
  /** How a node is named in messages; default: its name and the field's form label (nodeProblemLead). */
  readonly describeNode?: (node: FlowNode) => string;
}

/** "HTTP lookup “CRM”: Headers › header 1 › Value: " */
function leadOf(options: SecretProblemOptions): (node: FlowNode, path: string) => string {
  const describe = options.describeNode;
  return describe === undefined ? nodeProblemLead : (node) => `${describe(node)}: `;
}

/**
 * What is wrong with a flow's secret references: a malformed one or one outside an HTTP lookup header
 * value is an error (a secret in a prompt, a dial string or a URL would reach Asterisk, logs or the
 * call log). Whether the names exist is for unknownSecretProblems, which needs the store's names.
 */
export function secretProblems(
  document: Pick<FlowDocument, 'nodes'>,
  options: SecretProblemOptions = {},
): FlowProblem[] {
  const lead = leadOf(options);
  const nodesById = new Map(document.nodes.map((node) => [node.id, node]));
  const problems: FlowProblem[] = [];
  for (const reference of findSecretReferences(document)) {
    const node = nodesById.get(reference.nodeId);
    if (node === undefined) continue;
    const at = { nodeId: node.id, edgeId: null, path: reference.path };
    if (reference.name === null) {
      problems.push({
        severity: 'error',
        code: 'bad-secret-reference',
        message: `${lead(node, reference.path)}“{{${reference.reference}}}” does not name a secret: write {{secrets.<name>}}, e.g. {{secrets.crm_token}}`,
        ...at,
      });
    } else if (!reference.allowed) {
      problems.push({
        severity: 'error',
        code: 'secret-misplaced',
        message: `${lead(node, reference.path)}{{${reference.reference}}} can only be used in an HTTP lookup header value (e.g. Authorization: Bearer {{${reference.reference}}}); here it would be sent or stored where others can read it: remove it from here`,
        ...at,
      });
    }
  }
  return problems;
}

/**
 * A warning for each well-placed reference to a name the credentials store does not hold (the API
 * knows the names; validateFlow alone does not). A warning, not an error: an admin may add the secret
 * later; until then the lookup takes its error outcome.
 */
export function unknownSecretProblems(
  document: Pick<FlowDocument, 'nodes'>,
  knownSecrets: ReadonlySet<string>,
  options: SecretProblemOptions = {},
): FlowProblem[] {
  const lead = leadOf(options);
  const nodesById = new Map(document.nodes.map((node) => [node.id, node]));
  return findSecretReferences(document).flatMap((reference): FlowProblem[] => {
    const node = nodesById.get(reference.nodeId);
    if (
      node === undefined ||
      reference.name === null ||
      !reference.allowed ||
      knownSecrets.has(reference.name)
    )
      return [];
    return [
      {
        severity: 'warning',
        code: 'unknown-secret',
        message: `${lead(node, reference.path)}{{${reference.reference}}} is not in the credentials store: an admin adds it under Secrets; until then the lookup takes its “Failed” outcome`,
        nodeId: node.id,
        edgeId: null,
        path: reference.path,
      },
    ];
  });
}
