/**
 * Reads a fetch answer's body, stopping (and cancelling the download) once it passes `maxBytes`:
 * returns null then. Content-Length is checked first, but a server may send more than it announced.
 */
export async function readBoundedBody(response: Response, maxBytes: number): Promise<Buffer | null> {
  const announced = Number(response.headers.get('content-length') ?? Number.NaN);
  if (announced > maxBytes) {
    await response.body?.cancel();
    return null;
  }
  if (!response.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
}
