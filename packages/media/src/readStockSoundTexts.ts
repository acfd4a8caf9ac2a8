import { readFile, stat } from 'node:fs/promises';
import { gunzip } from 'node:zlib';
import { isSoundName } from './soundNamePattern.ts';

const maxTextFileBytes = 4 * 1024 * 1024;

/**
 * What each sound says, from the first of `candidates` that exists: Asterisk's sound index,
 * `core-sounds-<lang>.txt` or `.txt.gz`, lines `name: text` (`digits/1: one`), `;` starting comments.
 */
export async function readStockSoundTexts(candidates: readonly string[]): Promise<Map<string, string>> {
  for (const path of candidates) {
    const size = await stat(path).then(
      (info) => (info.isFile() ? info.size : null),
      () => null,
    );
    if (size === null || size > maxTextFileBytes) continue;
    try {
      const raw = await readFile(path);
      const text = path.endsWith('.gz') ? await gunzipBounded(raw) : raw;
      return parseSoundTexts(text.toString('utf8'));
    } catch {
      // A damaged or oversized index: the sounds are still listed, without their texts.
    }
  }
  return new Map();
}

export function parseSoundTexts(index: string): Map<string, string> {
  const texts = new Map<string, string>();
  for (const line of index.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith(';')) continue;
    const colon = trimmed.indexOf(':');
    if (colon <= 0) continue;
    const name = trimmed.slice(0, colon).trim();
    const said = trimmed.slice(colon + 1).trim();
    if (isSoundName(name) && said !== '' && !texts.has(name)) texts.set(name, said);
  }
  return texts;
}

/** A compressed index can unpack to far more than it weighs: stop at the same limit. */
function gunzipBounded(compressed: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    gunzip(compressed, { maxOutputLength: maxTextFileBytes }, (error, result) => {
      if (error) reject(error);
      else resolve(result);
    });
  });
}
