import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/ApiError.ts';
import { BrowserRecorder } from './BrowserRecorder.tsx';
import { fakeMicrophone } from './testing/fakeMicrophone.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('BrowserRecorder', () => {
  it('shows the microphone level while recording, then plays the recording back before saving it', async () => {
    const microphone = fakeMicrophone();
    const onSave = vi.fn(async (_recording: Blob) => {});
    render(<BrowserRecorder onSave={onSave} />);
    fireEvent.click(screen.getByRole('button', { name: 'Start recording' }));

    const meter = await screen.findByRole('meter', { name: 'Microphone level' });
    // A steady signal at half of full scale is about -6 dBFS: the bar is nearly full.
    await waitFor(() => expect(Number(meter.getAttribute('value'))).toBeGreaterThan(80));
    microphone.amplitude = 0.001;
    await waitFor(() => expect(Number(meter.getAttribute('value'))).toBe(0));
    expect(onSave).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: 'Stop recording' }));
    const playback = await screen.findByLabelText('Your recording');
    expect(playback.getAttribute('src')).toMatch(/^blob:/);
    expect(microphone.trackStopped()).toBe(true);
    expect(microphone.contextClosed()).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'Save recording' }));
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    const saved = onSave.mock.calls[0]?.[0];
    expect(saved?.type).toBe('audio/webm;codecs=opus');
    expect(await saved?.text()).toBe('recorded-opus');
  });

  it('records again from the start when asked, without saving the first take', async () => {
    fakeMicrophone();
    const onSave = vi.fn(async (_recording: Blob) => {});
    render(<BrowserRecorder onSave={onSave} />);
    fireEvent.click(screen.getByRole('button', { name: 'Start recording' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Stop recording' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Record again' }));
    expect(screen.queryByLabelText('Your recording')).toBeNull();
    expect(screen.getByRole('button', { name: 'Start recording' })).toBeTruthy();
    expect(onSave).not.toHaveBeenCalled();
  });

  it('says how to allow the microphone when the browser refuses it', async () => {
    fakeMicrophone({ refuse: 'NotAllowedError' });
    render(<BrowserRecorder onSave={async () => {}} />);
    fireEvent.click(screen.getByRole('button', { name: 'Start recording' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/not allowed to use the microphone.*address bar/);
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  it('shows the server’s reason when the recording is refused, and keeps it to try again', async () => {
    fakeMicrophone();
    const onSave = vi.fn(async () => {
      throw new ApiError(422, 'silent', 'The file has no sound (it is all silence).');
    });
    render(<BrowserRecorder onSave={onSave} />);
    fireEvent.click(screen.getByRole('button', { name: 'Start recording' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Stop recording' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Save recording' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The file has no sound (it is all silence).');
    expect(screen.getByLabelText('Your recording')).toBeTruthy();
  });
});
