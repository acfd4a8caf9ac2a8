/** One `{{ name }}` in a text: where it starts and ends, and the text between the braces, trimmed. */
export interface TemplateMatch {
  readonly start: number;
  readonly end: number;
  readonly name: string;
}

const openBrace = 0x7b;
const closeBrace = 0x7d;

/**
 * Every `{{ ... }}` in a text, left to right: two opening braces, then any text without braces, then two
 * closing braces; the name is that text with the surrounding white space removed. Anything else between
 * braces (`{{ 1 + 1 }}`) is still found, so validation can flag it as malformed.
 *
 * Hand-written rather than a regular expression because its time must be linear in the text, whatever
 * the text: the text comes from flow authors and callers. The obvious pattern, `\{\{\s*([^{}]*?)\s*\}\}`,
 * lets `\s*`, the lazy name and `\s*` share the same spaces, so `{{` followed by spaces backtracks
 * cubically (4,000 spaces took 30 s); every regex that allows spaces on both sides of a lazy name has
 * that risk. This scanner reads each character at most twice.
 */
export function findTemplates(text: string): TemplateMatch[] {
  const matches: TemplateMatch[] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf('{{', from);
    if (start === -1) return matches;
    let end = start + 2;
    while (end < text.length) {
      const code = text.charCodeAt(end);
      if (code === openBrace || code === closeBrace) break;
      end++;
    }
    // No brace after the opening ones: no later `{{ ... }}` can close either.
    if (end === text.length) return matches;
    if (text.charCodeAt(end) === closeBrace && text.charCodeAt(end + 1) === closeBrace) {
      matches.push({ start, end: end + 2, name: text.slice(start + 2, end).trim() });
      from = end + 2;
    } else {
      // Not a template here. With `{{{`, the next try starts one brace later (`{{{a}}` holds `{{a}}`);
      // otherwise everything before `end` holds no brace, so the search resumes at `end`.
      from = end - 1;
    }
  }
}
