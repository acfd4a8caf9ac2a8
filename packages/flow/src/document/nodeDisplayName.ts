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

/**
 * A draft's options as a summary may read them: a field missing or of the wrong type (a half-filled
 * draft, a hand-edited import) reads as an empty text or list, shaped like the kind's starter option,
 * so no summary shows "[object Object]", "null" or "undefined".
 */
function readableOptions(options: object, starter: unknown): Record<string, unknown> {
  const starterOptions: Record<string, unknown> =
    typeof starter === 'object' && starter !== null ? { ...starter } : {};
  const given: Record<string, unknown> = { ...options };
  const keys = new Set([...Object.keys(starterOptions), ...Object.keys(given)]);
  return Object.fromEntries(
    [...keys].map((key) => {
      const value = given[key];
      const isList = Array.isArray(starterOptions[key]);
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
        return [key, isList ? [] : value];
      return [key, Array.isArray(value) && isList ? value : isList ? [] : ''];
    }),
  );
}

/** The summary of a node's options, or '' when its kind has none or cannot read these (draft) options. */
function summaryOf(node: DisplayedNode): string {
  const definition = nodeKindOf(node.kind);
  if (definition?.summarize === undefined || typeof node.options !== 'object' || node.options === null)
    return '';
  try {
    return shortened(definition.summarize(readableOptions(node.options, definition.starterOptions)));
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
