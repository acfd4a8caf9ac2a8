import type { Prompt } from '../nodes/prompts.ts';
import type { FlowDocument, FlowNode } from './FlowDocument.ts';

/** One prompt in a node's options: `prompts.1` is the second of the node's `prompts` option. */
export interface FoundPrompt {
  readonly node: FlowNode;
  readonly nodeIndex: number;
  /** The option holding the list, e.g. `invalidPrompts`. */
  readonly option: string;
  readonly index: number;
  readonly prompt: Prompt;
}

const promptTypes = new Set<string>([
  'sound',
  'recording',
  'digits',
  'number',
  'characters',
  'tone',
  'library',
  'say',
]);

function isPrompt(value: unknown): value is Prompt {
  return (
    typeof value === 'object' && value !== null && 'type' in value && promptTypes.has(String(value.type))
  );
}

/**
 * Every prompt in a parsed document's nodes. Found by shape (an option that is a list of prompts), not
 * by kind, so a new kind that plays prompts needs no change here.
 */
export function findPrompts(document: Pick<FlowDocument, 'nodes'>): FoundPrompt[] {
  const found: FoundPrompt[] = [];
  document.nodes.forEach((node, nodeIndex) => {
    for (const [option, value] of Object.entries(node.options)) {
      if (!Array.isArray(value)) continue;
      value.forEach((prompt: unknown, index) => {
        if (isPrompt(prompt)) found.push({ node, nodeIndex, option, index, prompt });
      });
    }
  });
  return found;
}
