import { StepFailure } from '../../runtime/StepFailure.ts';
import { stepErrors } from '../../stepErrors/stepErrors.ts';

/**
 * Reads a response body as text, refusing (and cancelling the download) past `limitBytes`.
 * `request` (e.g. `GET https://crm.example/lookup`) names what answered in the error, so a call
 * step's error says which service sent too much.
 */
export async function readBodyWithLimit(
  response: Response,
  limitBytes: number,
  request: string,
): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limitBytes) {
    await response.body?.cancel();
    throw new StepFailure(stepErrors.httpAnnouncedTooLarge.says(request, declared, limitBytes));
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
      throw new StepFailure(stepErrors.httpSentTooLarge.says(request, limitBytes));
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
