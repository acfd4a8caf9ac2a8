const names = new Intl.DisplayNames(['en'], { type: 'language' });

/** A language code as people read it: `ru` → Russian, `fr_FR` → French (France); unknown codes as they are. */
export function languageName(code: string): string {
  try {
    return names.of(code.replace('_', '-')) ?? code;
  } catch {
    return code;
  }
}
