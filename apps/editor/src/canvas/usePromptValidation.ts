import type { FlowValidationContext } from '@callflow/flow';
import { useMemo } from 'react';
import { usePromptLibrary } from '../prompts/usePromptLibrary.ts';

/**
 * What validation needs to check a flow's library prompts as the server will: which prompts exist
 * and the languages each has audio in. Until the library has loaded (or when it cannot be), library
 * prompts are not checked here; the server still checks them when the flow is published.
 */
export function usePromptValidation(): FlowValidationContext {
  const library = usePromptLibrary();
  return useMemo(
    () =>
      library.status !== 'ready'
        ? {}
        : {
            prompts: new Map(
              library.prompts.map((prompt) => [
                prompt.id,
                { name: prompt.name, languages: prompt.audio.map((audio) => audio.language) },
              ]),
            ),
          },
    [library],
  );
}
