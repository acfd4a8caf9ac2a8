/**
 * Whether JSON text opens arrays or objects more than `limit` levels deep, found by one pass over the
 * characters (brackets inside strings, escaped quotes included, do not count) without parsing. Run
 * before JSON.parse: a megabyte of `[` took it half a second, and what it built could not be walked
 * or stringified without overflowing the stack. Text that is not JSON gets some answer; JSON.parse
 * refuses it afterwards.
 */
export function jsonTextNestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === backslash) index++;
      else if (code === quote) inString = false;
    } else if (code === quote) inString = true;
    else if (code === openBracket || code === openBrace) {
      depth++;
      if (depth > limit) return true;
    } else if (code === closeBracket || code === closeBrace) depth--;
  }
  return false;
}

const backslash = 0x5c;
const quote = 0x22;
const openBracket = 0x5b;
const closeBracket = 0x5d;
const openBrace = 0x7b;
const closeBrace = 0x7d;
