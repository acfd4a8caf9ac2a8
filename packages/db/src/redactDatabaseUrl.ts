/** The URL with its password (if any) replaced by `***`, safe to log. */
export function redactDatabaseUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/?#@]*):[^@/?#]*@/i, '$1:***@');
}

/** Removes every occurrence of the URL's password from a text (CLI output, error messages). */
export function redactPassword(text: string, url: string): string {
  const password = /^[a-z][a-z0-9+.-]*:\/\/[^:/?#@]*:([^@/?#]*)@/i.exec(url)?.[1];
  if (!password) return text;
  let decoded = password;
  try {
    decoded = decodeURIComponent(password);
  } catch {
    // Keep the raw form only.
  }
  return [password, decoded].reduce((acc, secret) => acc.split(secret).join('***'), text);
}
