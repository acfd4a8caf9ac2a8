/** What the first bytes of an upload say it is. */
export type SniffedFile =
  /** `demuxer`: the one ffmpeg reader allowed to open it (ffmpeg is not left to guess). */
  | { readonly kind: 'audio'; readonly demuxer: 'wav' | 'mp3' | 'aac' | 'ogg' | 'flac' | 'mov' | 'matroska' }
  /** `looksLike`: what it seems to be instead ("a PDF"), for the message; null when unknown. */
  | { readonly kind: 'other'; readonly looksLike: string | null };

const signatures: ReadonlyArray<{ readonly at: number; readonly bytes: string; readonly looksLike: string }> =
  [
    { at: 0, bytes: '%PDF', looksLike: 'a PDF' },
    { at: 0, bytes: '\x89PNG', looksLike: 'an image' },
    { at: 0, bytes: '\xff\xd8\xff', looksLike: 'an image' },
    { at: 0, bytes: 'GIF8', looksLike: 'an image' },
    { at: 8, bytes: 'WEBP', looksLike: 'an image' },
    { at: 8, bytes: 'AVI ', looksLike: 'a video without sound we can read' },
    { at: 0, bytes: 'PK\x03\x04', looksLike: 'a ZIP archive or an Office document' },
    { at: 0, bytes: '\xd0\xcf\x11\xe0', looksLike: 'an Office document' },
    { at: 0, bytes: '{\\rtf', looksLike: 'a text document' },
    { at: 0, bytes: 'MZ', looksLike: 'a program' },
    { at: 0, bytes: '\x7fELF', looksLike: 'a program' },
  ];

/**
 * Recognises the audio containers we accept by their magic bytes (WAV, MP3, AAC, Ogg, FLAC,
 * MP4/M4A, Matroska/WebM), so ffmpeg opens each upload with exactly one reader and never one of its
 * many others (playlists that fetch URLs or read local files, images, subtitles...).
 */
export function sniffAudioContainer(input: Uint8Array): SniffedFile {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const text = (at: number, length: number) => bytes.toString('latin1', at, at + length);
  if ((text(0, 4) === 'RIFF' || text(0, 4) === 'RF64') && text(8, 4) === 'WAVE')
    return { kind: 'audio', demuxer: 'wav' };
  if (text(0, 4) === 'OggS') return { kind: 'audio', demuxer: 'ogg' };
  if (text(0, 4) === 'fLaC') return { kind: 'audio', demuxer: 'flac' };
  if (text(4, 4) === 'ftyp') return { kind: 'audio', demuxer: 'mov' };
  if (text(0, 4) === '\x1a\x45\xdf\xa3') return { kind: 'audio', demuxer: 'matroska' };
  if (text(0, 3) === 'ID3') return sniffAfterId3(bytes);
  const frame = mpegFrameKind(bytes, 0);
  if (frame) return { kind: 'audio', demuxer: frame };
  for (const signature of signatures) {
    if (text(signature.at, signature.bytes.length) === signature.bytes) {
      return { kind: 'other', looksLike: signature.looksLike };
    }
  }
  return { kind: 'other', looksLike: looksLikeText(bytes) };
}

/** MP3, AAC and FLAC files may start with an ID3 tag; ffmpeg's readers for them skip it. */
function sniffAfterId3(bytes: Buffer): SniffedFile {
  if (bytes.length < 10) return { kind: 'audio', demuxer: 'mp3' };
  const size = ((bytes[6] ?? 0) << 21) | ((bytes[7] ?? 0) << 14) | ((bytes[8] ?? 0) << 7) | (bytes[9] ?? 0);
  const footer = ((bytes[5] ?? 0) & 0x10) !== 0 ? 10 : 0;
  const after = 10 + size + footer;
  if (bytes.toString('latin1', after, after + 4) === 'fLaC') return { kind: 'audio', demuxer: 'flac' };
  return { kind: 'audio', demuxer: mpegFrameKind(bytes, after) ?? 'mp3' };
}

/** An MPEG audio frame header (MP3) or an ADTS header (AAC) at `at`. */
function mpegFrameKind(bytes: Buffer, at: number): 'mp3' | 'aac' | null {
  const first = bytes[at];
  const second = bytes[at + 1];
  if (first !== 0xff || second === undefined || (second & 0xe0) !== 0xe0) return null;
  const layer = (second >> 1) & 0x03;
  if (layer !== 0) return 'mp3';
  return (second & 0xf6) === 0xf0 ? 'aac' : null;
}

/** Text (including HTML, JSON, CSV) is what people most often upload by mistake. */
function looksLikeText(bytes: Buffer): string | null {
  const start = bytes.subarray(0, 1024);
  if (start.length === 0) return null;
  const decoded = new TextDecoder('utf-8', { fatal: false }).decode(start).replace(/^\ufeff/, '');
  // Control characters or bytes that are not UTF-8 (decoded as U+FFFD): binary, not text.
  let binary = 0;
  for (const char of decoded) {
    const code = char.codePointAt(0) ?? 0;
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0xfffd) binary++;
  }
  if (binary > decoded.length * 0.05) return null;
  const trimmed = decoded.trimStart().toLowerCase();
  if (trimmed.startsWith('<!doctype html') || trimmed.startsWith('<html')) return 'a web page';
  if (trimmed.startsWith('<?xml') || trimmed.startsWith('<svg')) return 'an XML file';
  return 'text';
}
