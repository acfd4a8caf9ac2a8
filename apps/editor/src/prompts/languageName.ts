let names: Intl.DisplayNames | undefined;

/**
 * A flow language code as people read it: `en` → English, `fr_FR` → French (France), `zh` → Chinese.
 * Codes the browser does not know are shown as they are.
 */
export function languageName(code: string): string {
  names ??= new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
  try {
    return names.of(code.replace(/_/g, '-')) ?? code;
  } catch {
    // Not a well-formed language tag (DisplayNames throws a RangeError): the code is all we have.
    return code;
  }
}

/** Languages offered when adding one to the library, most asked for first; any other can be typed. */
export const commonLanguages = [
  'en',
  'en_GB',
  'en_US',
  'es',
  'fr',
  'fr_FR',
  'fr_CA',
  'de',
  'it',
  'pt',
  'pt_BR',
  'nl',
  'ru',
  'uk',
  'pl',
  'sv',
  'ja',
  'zh',
  'ar',
  'he',
];
