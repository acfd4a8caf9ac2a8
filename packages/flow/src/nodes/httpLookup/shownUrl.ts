/** The address without credentials or query string, which may hold keys, for logs and call steps. */
export function shownUrl(url: string): string {
  if (URL.canParse(url)) {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  }
  // Cut at the first ? or # found by one scan: `/[?#].*$/` was retried from every ? up to a newline,
  // quadratic in the length (50,000 of them took 23 s).
  const cut = url.search(/[?#]/);
  const withoutQuery = cut === -1 ? url : url.slice(0, cut);
  // Each try starts at a `//` and stops at the next / or @: linear too.
  return withoutQuery.replace(/\/\/[^/@]*@/, '//');
}
