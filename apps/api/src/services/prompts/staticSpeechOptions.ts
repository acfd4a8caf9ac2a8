import type { StaticSpeechOptions } from '@callflow/catalog';
import type { ApiServices } from '../../http/ApiServices.ts';

/**
 * How a version made over HTTP renders its static say texts: with the API's engine, in the API's
 * bounded queue of audio jobs (beside uploads and previews), stopped when the client leaves.
 */
export function staticSpeechOptions(
  services: Pick<ApiServices, 'prompts'>,
  signal: AbortSignal,
): StaticSpeechOptions {
  return {
    speech: services.prompts.speech,
    signal,
    runRendering: (render, renderingSignal) => services.prompts.work.run(render, renderingSignal),
  };
}
