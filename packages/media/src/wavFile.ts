/** What a PCM WAV header says, and where its samples are. */
export interface WavInfo {
  readonly sampleRate: number;
  readonly channels: number;
  readonly bitsPerSample: number;
  /** Offset of the first sample byte. */
  readonly dataOffset: number;
  /** Sample bytes present (a header written while streaming claims more than the file has). */
  readonly dataBytes: number;
}

const pcmFormat = 1;
const extensibleFormat = 0xfffe;

/**
 * Reads a PCM WAV header. `fileSize` is the size of the whole file when `head` is only its start.
 * Throws on anything that is not uncompressed PCM in a RIFF/RF64 WAVE file.
 */
export function parseWavHeader(head: Uint8Array, fileSize = head.byteLength): WavInfo {
  const bytes = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  const riff = bytes.toString('latin1', 0, 4);
  if (
    bytes.length < 12 ||
    (riff !== 'RIFF' && riff !== 'RF64') ||
    bytes.toString('latin1', 8, 12) !== 'WAVE'
  ) {
    throw new Error('not a WAV file (no RIFF/WAVE header)');
  }
  let format: Omit<WavInfo, 'dataOffset' | 'dataBytes'> | undefined;
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('latin1', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + 16 > bytes.length) throw new Error('WAV fmt chunk is too short');
      const tag = bytes.readUInt16LE(body);
      const isPcm =
        tag === pcmFormat ||
        (tag === extensibleFormat && size >= 40 && bytes.readUInt16LE(body + 24) === pcmFormat);
      if (!isPcm) throw new Error(`WAV audio is not PCM (format tag ${tag})`);
      format = {
        channels: bytes.readUInt16LE(body + 2),
        sampleRate: bytes.readUInt32LE(body + 4),
        bitsPerSample: bytes.readUInt16LE(body + 14),
      };
      if (
        format.channels === 0 ||
        format.sampleRate === 0 ||
        format.bitsPerSample % 8 !== 0 ||
        format.bitsPerSample === 0
      ) {
        throw new Error('WAV fmt chunk has no channels, sample rate or sample size');
      }
    } else if (id === 'data') {
      if (!format) throw new Error('WAV data chunk comes before its fmt chunk');
      const frame = format.channels * (format.bitsPerSample / 8);
      const present = Math.max(0, fileSize - body);
      const claimed = riff === 'RF64' && size === 0xffffffff ? present : size;
      const dataBytes = Math.min(claimed, present);
      return { ...format, dataOffset: body, dataBytes: dataBytes - (dataBytes % frame) };
    }
    offset = body + size + (size % 2);
  }
  throw new Error('WAV file has no data chunk');
}

/** A canonical 16-bit mono PCM WAV (44-byte header, nothing else): the same samples give the same bytes. */
export function buildWav(samples: Int16Array, sampleRate: number): Buffer {
  const dataBytes = samples.length * 2;
  const wav = Buffer.alloc(44 + dataBytes);
  wav.write('RIFF', 0, 'latin1');
  wav.writeUInt32LE(36 + dataBytes, 4);
  wav.write('WAVE', 8, 'latin1');
  wav.write('fmt ', 12, 'latin1');
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(pcmFormat, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(sampleRate, 24);
  wav.writeUInt32LE(sampleRate * 2, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36, 'latin1');
  wav.writeUInt32LE(dataBytes, 40);
  for (let i = 0; i < samples.length; i++) wav.writeInt16LE(samples[i] ?? 0, 44 + i * 2);
  return wav;
}
