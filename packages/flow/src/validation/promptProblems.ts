import type { FlowDocument, FlowNode } from '../document/FlowDocument.ts';
import { type FoundPrompt, findPrompts } from '../document/findPrompts.ts';
import { flowLanguages } from '../document/flowLanguages.ts';
import { languageName } from '../document/languageName.ts';
import type { FlowProblem } from './FlowProblem.ts';
import { nodeProblemLead } from './nodeProblemLead.ts';

/** What validation knows of the prompt library: each prompt's name and the languages it has audio in. */
export type LibraryPrompts = ReadonlyMap<
  string,
  { readonly name: string; readonly languages: readonly string[] }
>;

/** The languages a node's prompts play in: its own when it sets one, else every language of the flow. */
function languagesPlayedBy(node: FlowNode, flowLanguageList: readonly string[]): readonly string[] {
  const own: unknown = 'language' in node.options ? node.options.language : null;
  return typeof own === 'string' ? [own] : flowLanguageList;
}

/**
 * Problems with the prompts a flow plays in the languages it uses (its Start's and each Set language
 * node's). A say prompt without a translation for one of them is a warning. Given the library, a
 * library prompt that is not in it is an error, and one without audio in a language a warning (the
 * call hears the fallback). Without the library, library prompts are not checked.
 */
export function promptProblems(
  document: Pick<FlowDocument, 'nodes'>,
  library: LibraryPrompts | undefined,
): FlowProblem[] {
  const languages = flowLanguages(document);
  const [defaultLanguage = 'en'] = languages;
  const problems: FlowProblem[] = [];
  const report = (
    severity: FlowProblem['severity'],
    code: string,
    found: FoundPrompt,
    path: string,
    text: string,
  ) => {
    const at = `nodes.${found.nodeIndex}.options.${found.option}.${found.index}.${path}`;
    problems.push({
      severity,
      code,
      message: `${nodeProblemLead(found.node, at)}${text}`,
      nodeId: found.node.id,
      edgeId: null,
      path: at,
    });
  };
  for (const found of findPrompts(document)) {
    const { prompt } = found;
    const played = languagesPlayedBy(found.node, languages);
    if (prompt.type === 'say') {
      const written = prompt.language ?? defaultLanguage;
      const translated = new Set([
        written,
        ...prompt.translations.map((translation) => translation.language),
      ]);
      for (const language of played.filter((language) => !translated.has(language)))
        report(
          'warning',
          'missing-translation',
          found,
          'translations',
          `the text has no ${languageName(language)} translation, so callers in ${languageName(language)} hear it in ${languageName(written)}: add one under Translations`,
        );
    }
    if (prompt.type !== 'library' || library === undefined) continue;
    const entry = library.get(prompt.promptId);
    if (entry === undefined) {
      report(
        'error',
        'unknown-prompt',
        found,
        'promptId',
        'the prompt chosen here no longer exists; choose another',
      );
      continue;
    }
    const fallback = entry.languages.includes(defaultLanguage) ? defaultLanguage : entry.languages[0];
    if (fallback === undefined) {
      report(
        'warning',
        'prompt-without-audio',
        found,
        'promptId',
        `“${entry.name}” has no audio yet, so callers hear nothing here: add a recording in My prompts`,
      );
      continue;
    }
    for (const language of played.filter((language) => !entry.languages.includes(language)))
      report(
        'warning',
        'prompt-missing-language',
        found,
        'promptId',
        `“${entry.name}” has no audio in ${languageName(language)}, so callers in ${languageName(language)} hear it in ${languageName(fallback)}: add a ${languageName(language)} recording in My prompts`,
      );
  }
  return problems;
}
