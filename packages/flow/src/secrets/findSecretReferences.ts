import type { FlowDocument, FlowNode } from '../document/FlowDocument.ts';
import { templateReferences } from '../templates/templateReferences.ts';
import { secretName, secretNamespace } from './secretName.ts';

export interface SecretReference {
  readonly nodeId: string;
  /** Where in the document, e.g. `nodes.3.options.headers.0.value`. */
  readonly path: string;
  /** As written between the braces, e.g. `secrets.crm_token`. */
  readonly reference: string;
  /** The secret's name (without `secrets.`); null when the reference is malformed (`secrets.a.b`). */
  readonly name: string | null;
  /** False where a secret must not go (see secretAllowedAt). */
  readonly allowed: boolean;
}

/** `secrets.crm_token` → `crm_token`; null for any other reference (including `secrets.a.b`). */
export function secretNameOf(reference: string): string | null {
  const prefix = `${secretNamespace}.`;
  if (!reference.startsWith(prefix)) return null;
  const name = reference.slice(prefix.length);
  return secretName.safeParse(name).success ? name : null;
}

/** Whether a template names the `secrets` namespace at all (`{{secrets.x}}`, `{{secrets}}`...). */
export function isSecretReference(reference: string): boolean {
  return reference === secretNamespace || reference.startsWith(`${secretNamespace}.`);
}

/**
 * Where a secret may be substituted: the value of an HTTP lookup header, and nowhere else. A secret in a
 * prompt or a dial string would be sent to Asterisk (and may be played or logged there), in a URL it
 * would land in access logs and in the call log's step errors, in a body it may be echoed back into
 * variables. `optionPath` is relative to the node's options, e.g. `headers.0.value`.
 */
export function secretAllowedAt(node: Pick<FlowNode, 'kind'>, optionPath: string): boolean {
  return node.kind === 'httpLookup' && /^headers\.\d+\.value$/.test(optionPath);
}

function collectStrings(value: unknown, path: string, out: { path: string; text: string }[]): void {
  if (typeof value === 'string') out.push({ path, text: value });
  else if (Array.isArray(value))
    for (const [i, item] of value.entries()) collectStrings(item, `${path}.${i}`, out);
  else if (typeof value === 'object' && value !== null)
    for (const [key, item] of Object.entries(value)) collectStrings(item, `${path}.${key}`, out);
}

/**
 * Every template in a flow's node options that names the `secrets` namespace, with the secret's name
 * and whether it is in a place secrets may go.
 */
export function findSecretReferences(document: Pick<FlowDocument, 'nodes'>): SecretReference[] {
  const found: SecretReference[] = [];
  document.nodes.forEach((node, index) => {
    const strings: { path: string; text: string }[] = [];
    collectStrings(node.options, '', strings);
    for (const { path, text } of strings) {
      if (!text.includes('{{')) continue;
      for (const reference of templateReferences(text)) {
        // A malformed template is validation's bad-template already.
        if (!reference.valid || !isSecretReference(reference.name)) continue;
        const optionPath = path.slice(1);
        found.push({
          nodeId: node.id,
          path: `nodes.${index}.options.${optionPath}`,
          reference: reference.name,
          name: secretNameOf(reference.name),
          allowed: secretAllowedAt(node, optionPath),
        });
      }
    }
  });
  return found;
}
