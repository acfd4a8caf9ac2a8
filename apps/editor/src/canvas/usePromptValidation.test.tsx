import { validateFlow } from '@callflow/flow';
import { renderHook, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../calls/testing/fakeApi.ts';
import { libraryPrompt, promptAudio } from '../prompts/testing/promptFixtures.ts';
import { forgetPromptLibrary } from '../prompts/usePromptLibrary.ts';
import { usePromptValidation } from './usePromptValidation.ts';

beforeEach(() => forgetPromptLibrary());
afterEach(() => vi.unstubAllGlobals());

/** Start in `language` → Play of the library prompts given. */
function playing(promptIds: string[], language = 'en') {
  return {
    schemaVersion: 1,
    nodes: [
      { id: 'start', kind: 'start', label: '', position: { x: 0, y: 0 }, options: { language } },
      {
        id: 'play',
        kind: 'play',
        label: 'Greeting',
        position: { x: 0, y: 100 },
        options: { prompts: promptIds.map((promptId) => ({ type: 'library', promptId })) },
      },
    ],
    edges: [{ id: 'e1', source: 'start', port: 'next', target: 'play' }],
  };
}

describe('usePromptValidation', () => {
  it('lets the editor say a chosen prompt is gone, or has no audio in the flow’s language', async () => {
    fakeApi((url) =>
      url.pathname === '/api/prompts'
        ? { body: { items: [libraryPrompt('welcome1', 'Welcome', [promptAudio('en')])], languages: ['en'] } }
        : undefined,
    );
    const { result } = renderHook(() => usePromptValidation());
    expect(result.current).toEqual({});
    await waitFor(() =>
      expect(result.current.prompts?.get('welcome1')).toEqual({ name: 'Welcome', languages: ['en'] }),
    );

    const gone = validateFlow(playing(['gone1']), result.current).problems;
    expect(
      gone.some((problem) => problem.severity === 'error' && /no longer exists/.test(problem.message)),
    ).toBe(true);
    const russian = validateFlow(playing(['welcome1'], 'ru'), result.current).problems;
    expect(russian.some((problem) => problem.severity === 'warning' && /Welcome/.test(problem.message))).toBe(
      true,
    );
  });

  it('checks no library prompt when the library cannot be listed', async () => {
    const api = fakeApi(() => ({ status: 500, body: { error: 'internal', message: 'broken' } }));
    const { result } = renderHook(() => usePromptValidation());
    await waitFor(() => expect(api.requests).toContain('/api/prompts'));
    expect(result.current).toEqual({});
    expect(
      validateFlow(playing(['gone1']), result.current).problems.filter((p) => p.severity === 'error'),
    ).toEqual([]);
  });
  it('learns of a prompt made in another tab when the window gets the focus back', async () => {
    let items = [libraryPrompt('welcome1', 'Welcome', [promptAudio('en')])];
    fakeApi((url) => (url.pathname === '/api/prompts' ? { body: { items, languages: ['en'] } } : undefined));
    const { result } = renderHook(() => usePromptValidation());
    await waitFor(() => expect(result.current.prompts?.size).toBe(1));
    items = [...items, libraryPrompt('thanks1', 'Thanks', [promptAudio('en')])];
    const later = performance.now() + 60_000;
    vi.spyOn(performance, 'now').mockReturnValue(later);
    window.dispatchEvent(new Event('focus'));
    await waitFor(() => expect(result.current.prompts?.get('thanks1')?.name).toBe('Thanks'));
    vi.restoreAllMocks();
  });
});
