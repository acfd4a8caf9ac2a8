import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/ApiError.ts';
import { AudioPreviewButton } from './AudioPreviewButton.tsx';

function audioOf(button: HTMLElement): HTMLAudioElement {
  const audio = button.closest('.audio-preview')?.querySelector('audio');
  if (!(audio instanceof HTMLAudioElement)) throw new Error('no audio element beside the button');
  return audio;
}

describe('AudioPreviewButton', () => {
  it('plays the API’s audio address and stops on a second click', async () => {
    render(<AudioPreviewButton source="/api/prompts/p1/audio/en/file" label="Play Welcome in English" />);
    const button = screen.getByRole('button', { name: 'Play Welcome in English' });
    const audio = audioOf(button);
    const play = vi.spyOn(audio, 'play');
    fireEvent.click(button);
    await waitFor(() => expect(play).toHaveBeenCalled());
    expect(audio.getAttribute('src')).toBe('/api/prompts/p1/audio/en/file');
    fireEvent.click(await screen.findByRole('button', { name: 'Stop Welcome in English' }));
    expect(screen.getByRole('button', { name: 'Play Welcome in English' })).toBeTruthy();
  });

  it('stops when another preview on the page starts', async () => {
    render(
      <>
        <AudioPreviewButton source="/a.wav" label="Play A" />
        <AudioPreviewButton source="/b.wav" label="Play B" />
      </>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Play A' }));
    await screen.findByRole('button', { name: 'Stop A' });
    const other = audioOf(screen.getByRole('button', { name: 'Play B' }));
    other.dispatchEvent(new Event('play'));
    await screen.findByRole('button', { name: 'Play A' });
  });

  it('plays audio made on request, and shows why when it cannot be made', async () => {
    const load = vi
      .fn<() => Promise<Blob>>()
      .mockResolvedValueOnce(new Blob(['RIFF'], { type: 'audio/wav' }))
      .mockRejectedValueOnce(new ApiError(502, 'speech_failed', 'The speech engine did not answer in time.'));
    render(<AudioPreviewButton source={load} label="Listen to the text" text="Listen" />);
    fireEvent.click(screen.getByRole('button', { name: 'Listen' }));
    const stop = await screen.findByRole('button', { name: 'Stop' });
    expect(audioOf(stop).getAttribute('src')).toMatch(/^blob:/);
    fireEvent.click(stop);
    fireEvent.click(screen.getByRole('button', { name: 'Listen' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The speech engine did not answer in time.');
    expect(load).toHaveBeenCalledTimes(2);
  });
});
