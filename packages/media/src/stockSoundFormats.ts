import { open } from 'node:fs/promises';
import { parseWavHeader } from './wavFile.ts';

/** How one of Asterisk's sound file formats is read: ffmpeg's input options and its length. */
export interface StockSoundFormat {
  /** Asterisk's format name, reported to the editor. */
  readonly format: string;
  readonly extension: string;
  /** ffmpeg's options before `-i` (raw formats carry no header to say their rate). */
  readonly ffmpegInput: readonly string[];
  /** Bytes per millisecond; null: read from the file's header (WAV). */
  readonly bytesPerMs: number | null;
}

/** The formats Asterisk ships sounds in, the best for a preview first (a sound may exist in several). */
export const stockSoundFormats: readonly StockSoundFormat[] = [
  { format: 'wav16', extension: 'wav16', ffmpegInput: ['-f', 'wav'], bytesPerMs: null },
  {
    format: 'sln16',
    extension: 'sln16',
    ffmpegInput: ['-f', 's16le', '-ar', '16000', '-ac', '1'],
    bytesPerMs: 32,
  },
  { format: 'g722', extension: 'g722', ffmpegInput: ['-f', 'g722'], bytesPerMs: 8 },
  { format: 'wav', extension: 'wav', ffmpegInput: ['-f', 'wav'], bytesPerMs: null },
  {
    format: 'sln',
    extension: 'sln',
    ffmpegInput: ['-f', 's16le', '-ar', '8000', '-ac', '1'],
    bytesPerMs: 16,
  },
  {
    format: 'ulaw',
    extension: 'ulaw',
    ffmpegInput: ['-f', 'mulaw', '-ar', '8000', '-ac', '1'],
    bytesPerMs: 8,
  },
  {
    format: 'alaw',
    extension: 'alaw',
    ffmpegInput: ['-f', 'alaw', '-ar', '8000', '-ac', '1'],
    bytesPerMs: 8,
  },
  // GSM 06.10: one 33-byte frame per 20 ms.
  { format: 'gsm', extension: 'gsm', ffmpegInput: ['-f', 'gsm'], bytesPerMs: 33 / 20 },
];

const byExtension = new Map(stockSoundFormats.map((format) => [format.extension, format]));

export function stockSoundFormatOf(extension: string): StockSoundFormat | undefined {
  return byExtension.get(extension);
}

/** A sound file's length in ms from its size (or, for WAV, its header); null when unreadable. */
export async function stockSoundDurationMs(
  path: string,
  format: StockSoundFormat,
  size: number,
): Promise<number | null> {
  if (format.bytesPerMs !== null) return Math.round(size / format.bytesPerMs);
  try {
    const file = await open(path, 'r');
    try {
      const head = Buffer.alloc(Math.min(size, 4096));
      await file.read(head, 0, head.length, 0);
      const info = parseWavHeader(head, size);
      return Math.round(
        (info.dataBytes / (info.sampleRate * info.channels * (info.bitsPerSample / 8))) * 1000,
      );
    } finally {
      await file.close();
    }
  } catch {
    return null;
  }
}
