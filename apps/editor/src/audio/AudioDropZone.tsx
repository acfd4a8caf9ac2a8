import { Upload } from 'lucide-react';
import { type DragEvent, useId, useRef, useState } from 'react';
import { useAction } from '../shell/useAction.ts';
import './audio.css';

export interface AudioDropZoneProps {
  /** Sends the file (the API converts and stores it); its failure is shown here. */
  readonly onFile: (file: File) => Promise<void>;
}

/** What the server reads; the browser's file dialog offers these first. */
const accepted = 'audio/*,.wav,.mp3,.ogg,.opus,.m4a,.aac,.webm,.flac';

/** True when what is dragged over holds files (not text or a link dragged from the page). */
function carriesFiles(event: DragEvent): boolean {
  return [...event.dataTransfer.types].includes('Files');
}

/**
 * Where an audio file is dropped, or chosen with the file dialog. One file at a time: of several
 * dropped, the first is sent.
 */
export function AudioDropZone({ onFile }: AudioDropZoneProps) {
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [sending, setSending] = useState<string | null>(null);
  const upload = useAction(async (file: File) => {
    setSending(file.name);
    try {
      await onFile(file);
    } finally {
      setSending(null);
      if (input.current !== null) input.current.value = '';
    }
  });

  function send(files: FileList | null) {
    const file = files?.[0];
    if (file !== undefined) upload.run(file);
  }

  return (
    <div className="drop-zone-wrapper">
      {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping is the mouse's way; the button is the keyboard's. */}
      <div
        className={over ? 'drop-zone drop-zone--over' : 'drop-zone'}
        data-testid="audio-drop-zone"
        aria-busy={sending !== null}
        onDragEnter={(event) => {
          if (!carriesFiles(event)) return;
          event.preventDefault();
          setOver(true);
        }}
        onDragOver={(event) => {
          if (!carriesFiles(event)) return;
          event.preventDefault();
          event.dataTransfer.dropEffect = 'copy';
        }}
        onDragLeave={(event) => {
          const into = event.relatedTarget;
          if (!(into instanceof Node && event.currentTarget.contains(into))) setOver(false);
        }}
        onDrop={(event) => {
          event.preventDefault();
          setOver(false);
          send(event.dataTransfer.files);
        }}
      >
        <Upload size={20} aria-hidden="true" className="drop-zone__icon" />
        {sending === null ? (
          <>
            <span>
              Drop an audio file here, or{' '}
              <label htmlFor={inputId} className="drop-zone__choose">
                choose a file
              </label>
            </span>
            <span className="muted small">WAV, MP3, OGG, M4A, WebM or FLAC, up to 20 MB and 5 minutes</span>
          </>
        ) : (
          <span role="status">Uploading {sending} and preparing it for calls…</span>
        )}
        <input
          ref={input}
          id={inputId}
          type="file"
          accept={accepted}
          className="visually-hidden"
          disabled={sending !== null}
          onChange={(event) => send(event.target.files)}
        />
      </div>
      {upload.error !== null && (
        <p className="notice notice--error" role="alert">
          {upload.error.message}
        </p>
      )}
    </div>
  );
}
