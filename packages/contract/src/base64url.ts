/**
 * Base64url text of UTF-8 (RFC 4648 §5, no padding), with what both a browser and Node have (the
 * contract runs in both): the same text as Node's `Buffer.toString('base64url')`.
 */
export function toBase64url(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The UTF-8 text of base64url (padded or not); undefined when it is not base64url. */
export function fromBase64url(encoded: string): string | undefined {
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(encoded)) return undefined;
  let binary: string;
  try {
    binary = atob(encoded.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return undefined;
  }
  return new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
}
