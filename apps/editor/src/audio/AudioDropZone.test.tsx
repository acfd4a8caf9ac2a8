import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/ApiError.ts';
import { AudioDropZone } from './AudioDropZone.tsx';

function dropFiles(target: HTMLElement, files: File[]): void {
  const dataTransfer = { files, types: ['Files'], dropEffect: 'none' };
  fireEvent.dragEnter(target, { dataTransfer });
  fireEvent.dragOver(target, { dataTransfer });
  fireEvent.drop(target, { dataTransfer });
}

describe('AudioDropZone', () => {
  it('sends the file dropped on it', async () => {
    const onFile = vi.fn(async (_file: File) => {});
    render(<AudioDropZone onFile={onFile} />);
    const file = new File(['RIFF'], 'welcome.wav', { type: 'audio/wav' });
    dropFiles(screen.getByTestId('audio-drop-zone'), [file]);
    await waitFor(() => expect(onFile).toHaveBeenCalledWith(file));
  });

  it('sends the file chosen with the file dialog', async () => {
    const onFile = vi.fn(async (_file: File) => {});
    render(<AudioDropZone onFile={onFile} />);
    const file = new File(['ID3'], 'menu.mp3', { type: 'audio/mpeg' });
    fireEvent.change(screen.getByLabelText('choose a file'), { target: { files: [file] } });
    await waitFor(() => expect(onFile).toHaveBeenCalledWith(file));
  });

  it('shows what is happening while the file is sent, then the server’s reason when it is refused', async () => {
    let refuse: (error: Error) => void = () => {};
    const onFile = vi.fn(
      () =>
        new Promise<void>((_resolve, reject) => {
          refuse = reject;
        }),
    );
    render(<AudioDropZone onFile={onFile} />);
    dropFiles(screen.getByTestId('audio-drop-zone'), [new File(['%PDF'], 'invoice.pdf')]);
    expect((await screen.findByRole('status')).textContent).toMatch(/Uploading invoice.pdf/);
    refuse(new ApiError(415, 'not_audio', 'This file is not audio we can read (it looks like a PDF).'));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'This file is not audio we can read (it looks like a PDF).',
    );
  });
});
