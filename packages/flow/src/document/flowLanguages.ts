import type { FlowDocument } from './FlowDocument.ts';

/**
 * The languages a call of this flow can be in: the flow's default (its Start node's; English when it
 * has no Start) first, then each Set language node's, once each.
 */
export function flowLanguages(document: Pick<FlowDocument, 'nodes'>): string[] {
  const start = document.nodes.find((node) => node.kind === 'start');
  const languages = new Set([start?.kind === 'start' ? start.options.language : 'en']);
  for (const node of document.nodes) if (node.kind === 'setLanguage') languages.add(node.options.language);
  return [...languages];
}

/** The flow's default language: the one calls start in. */
export function defaultFlowLanguage(document: Pick<FlowDocument, 'nodes'>): string {
  return flowLanguages(document)[0] ?? 'en';
}
