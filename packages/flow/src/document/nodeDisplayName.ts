import { nodeKindOf } from '../nodes/nodeKindOf.ts';

/** What a node is called on screen, from its kind, label and (possibly half-filled) options. */
export interface DisplayedNode {
  readonly kind: string;
  readonly label?: string | null | undefined;
  readonly options?: unknown;
}

/** The longest summary shown after a kind's title, so a long prompt text does not flood a card. */
const maxSummaryLength = 48;

function shortened(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= maxSummaryLength
    ? oneLine
    : `${oneLine.slice(0, maxSummaryLength - 1).trimEnd()}…`;
}

/** The summary of a node's options, or '' when its kind has none or cannot read these (draft) options. */
function summaryOf(node: DisplayedNode): string {
  const definition = nodeKindOf(node.kind);
  if (definition?.summarize === undefined || node.options === undefined || node.options === null) return '';
  try {
    return shortened(definition.summarize(node.options));
  } catch {
    return '';
  }
}

/**
 * The node's name for users: its label when set, else its kind's title with a hint of what it does
 * ("Play: “Welcome to Acme”"). Never its id, which is an internal name.
 */
export function nodeDisplayName(node: DisplayedNode): string {
  const label = node.label?.trim() ?? '';
  if (label !== '') return label;
  const title = nodeKindOf(node.kind)?.title ?? node.kind;
  const summary = summaryOf(node);
  return summary === '' ? title : `${title}: ${summary}`;
}
