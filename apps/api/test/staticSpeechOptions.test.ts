import { type AudioToStore, CatalogError } from '@callflow/catalog';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/http/ApiError.ts';
import { fromCatalogError } from '../src/http/fromCatalogError.ts';
import { staticSpeechOptions } from '../src/services/prompts/staticSpeechOptions.ts';
import { testPromptMedia } from './testPromptMedia.ts';

describe('static speech of a version made over HTTP', () => {
  it("waits for the API's audio job queue, and leaves it when the client leaves", async () => {
    const prompts = testPromptMedia();
    let finish: () => void = () => {};
    const busy = prompts.work.run(() => new Promise<void>((resolve) => (finish = resolve)));
    const client = new AbortController();
    const options = staticSpeechOptions({ prompts }, client.signal);
    expect(options.speech).toBe(prompts.speech);
    expect(options.signal).toBe(client.signal);
    let rendered = false;
    const rendering = options.runRendering?.(async () => {
      rendered = true;
      return {} as AudioToStore;
    }, client.signal);
    client.abort();
    expect(await rendering?.catch((error: unknown) => error)).toMatchObject({
      status: 499,
      code: 'cancelled',
    });
    finish();
    await busy;
    expect(rendered).toBe(false);
  });

  it('answers each bound of static speech with its own status, never a 500', () => {
    const answers = [
      new CatalogError('too many', { code: 'too_much_speech', limit: 200 }),
      new CatalogError('too slow', { code: 'speech_timeout', seconds: 60 }),
      new CatalogError('changed', { code: 'draft_changed' }),
      new CatalogError('gone', { code: 'cancelled' }),
    ].map((error) => {
      const answer = fromCatalogError(error);
      return answer instanceof ApiError
        ? [answer.status, answer.code, answer.message, answer.details]
        : answer;
    });
    expect(answers).toEqual([
      [422, 'too_much_speech', 'too many', { limit: 200 }],
      [504, 'speech_timeout', 'too slow', { seconds: 60 }],
      [409, 'draft_changed', 'changed', {}],
      [499, 'cancelled', 'gone', {}],
    ]);
  });
});
