import { StepFailure } from '../../runtime/StepFailure.ts';

/** Reads a response body as text, refusing (and cancelling the download) past `limitBytes`. */
export async function readBodyWithLimit(response: Response, limitBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limitBytes) {
    await response.body?.cancel();
    throw new StepFailure(`response of ${declared} bytes is over the ${limitBytes}-byte limit`);
  }
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limitBytes) {
      await reader.cancel();
      throw new StepFailure(`response is over the ${limitBytes}-byte limit`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
