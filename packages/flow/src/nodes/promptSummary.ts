/** A prompt as a summary reads it: a draft's may miss any field, so every one is optional here. */
interface LoosePrompt {
  readonly type?: unknown;
  readonly name?: unknown;
  readonly value?: unknown;
  readonly text?: unknown;
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** What one prompt says, in a few words: “Welcome to Acme”, hello-world, digits {{vars.account}}. */
function promptWords(prompt: LoosePrompt): string {
  const value = textOf(prompt.value);
  switch (prompt.type) {
    case 'say':
      return textOf(prompt.text) === '' ? '' : `“${textOf(prompt.text)}”`;
    case 'sound':
      return textOf(prompt.name);
    case 'recording':
      return textOf(prompt.name) === '' ? '' : `recording ${textOf(prompt.name)}`;
    case 'digits':
      return value === '' ? '' : `digits ${value}`;
    case 'number':
      return value === '' ? '' : `number ${value}`;
    case 'characters':
      return value === '' ? '' : `spells ${value}`;
    case 'tone':
      return value === '' ? '' : `${value} tone`;
    case 'library':
      return 'one of my prompts';
    default:
      return '';
  }
}

/**
 * A hint of what a list of prompts plays: the first prompt's words, and how many follow
 * (“Welcome to Acme” + 2 more). '' when there is nothing to say yet.
 */
export function promptSummary(prompts: readonly LoosePrompt[]): string {
  const [first] = prompts;
  if (first === undefined) return '';
  const words = promptWords(first);
  if (words === '') return '';
  return prompts.length > 1 ? `${words} + ${prompts.length - 1} more` : words;
}
