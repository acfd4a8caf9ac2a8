import { nodeDisplayName, nodeKinds } from '@callflow/flow';

/** A node of the flow version a call ran, as its story reads it (options as stored, maybe old). */
export interface StoryNode {
  readonly id: string;
  readonly kind: string;
  readonly label?: string | null | undefined;
  readonly options?: unknown;
}

/** In curly quotes, unless a kind's summary already quotes itself. */
export function quoted(text: string): string {
  return text.startsWith('“') && text.endsWith('”') ? text : `“${text}”`;
}

/** A kind's title as it reads inside a sentence: "menu", "hang up", but "HTTP lookup". */
function titleInSentence(kind: string): string {
  const title = Object.hasOwn(nodeKinds, kind) ? nodeKinds[kind as keyof typeof nodeKinds].title : kind;
  return /^[A-Z][a-z]/.test(title) ? title[0]?.toLowerCase() + title.slice(1) : title;
}

/** The hint of what an unlabelled node does ("Sales, Support"), as nodeDisplayName shows it after the title. */
export function nodeSummary(node: StoryNode): string {
  if (!Object.hasOwn(nodeKinds, node.kind)) return '';
  const title = nodeKinds[node.kind as keyof typeof nodeKinds].title;
  const name = nodeDisplayName({ kind: node.kind, options: node.options });
  return name.startsWith(`${title}: `) ? name.slice(title.length + 2) : '';
}

/**
 * How a node is named inside a story sentence ("Hung up during … after 19 s"): its label in quotes,
 * else its kind with its summary (menu “Sales, Support”), else its kind (the answer). Never its id.
 */
export function storyName(node: StoryNode): string {
  const label = node.label?.trim() ?? '';
  if (label !== '') return quoted(label);
  const kind = titleInSentence(node.kind);
  const summary = nodeSummary(node);
  return summary === '' ? `the ${kind}` : `${kind} ${quoted(summary)}`;
}
