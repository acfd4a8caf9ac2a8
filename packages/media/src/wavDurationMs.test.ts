import { describe, expect, it } from 'vitest';
import { wavDurationMs } from './wavDurationMs.ts';
import { buildWav, parseWavHeader } from './wavFile.ts';

function header(fields: {
  format?: number;
  channels?: number;
  rate?: number;
  bits?: number;
  dataBytes: number;
}): Buffer {
  const { format = 1, channels = 1, rate = 8000, bits = 16, dataBytes } = fields;
  const wav = Buffer.alloc(44);
  wav.write('RIFF', 0, 'latin1');
  wav.writeUInt32LE(36 + dataBytes, 4);
  wav.write('WAVEfmt ', 8, 'latin1');
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(format, 20);
  wav.writeUInt16LE(channels, 22);
  wav.writeUInt32LE(rate, 24);
  wav.writeUInt32LE((rate * channels * bits) / 8, 28);
  wav.writeUInt16LE((channels * bits) / 8, 32);
  wav.writeUInt16LE(bits, 34);
  wav.write('data', 36, 'latin1');
  wav.writeUInt32LE(dataBytes, 40);
  return wav;
}

describe('wavDurationMs', () => {
  it('reads the length of a 16-bit mono WAV from its header', () => {
    expect(wavDurationMs(buildWav(new Int16Array(12_000), 8000))).toBe(1500);
    expect(wavDurationMs(buildWav(new Int16Array(8000), 16_000))).toBe(500);
  });

  it('counts channels and sample size', () => {
    const stereo = Buffer.concat([
      header({ channels: 2, rate: 44_100, dataBytes: 44_100 * 4 }),
      Buffer.alloc(44_100 * 4),
    ]);
    expect(wavDurationMs(stereo)).toBe(1000);
  });

  it('counts the samples present when a streamed header claims more (espeak-ng --stdout)', () => {
    const streamed = Buffer.concat([header({ rate: 22_050, dataBytes: 0x7ffff000 }), Buffer.alloc(22_050)]);
    expect(wavDurationMs(streamed)).toBe(500);
  });

  it('skips chunks before the audio (LIST, fact)', () => {
    const plain = buildWav(new Int16Array(8000), 8000);
    const list = Buffer.concat([
      Buffer.from('LIST', 'latin1'),
      Buffer.from([5, 0, 0, 0]),
      Buffer.from('INFOx\0'),
    ]);
    const withList = Buffer.concat([plain.subarray(0, 36), list, plain.subarray(36)]);
    expect(wavDurationMs(withList)).toBe(1000);
    expect(parseWavHeader(withList).dataOffset).toBe(44 + list.length);
  });

  it('refuses what is not a PCM WAV', () => {
    expect(() => wavDurationMs(Buffer.from('ID3\u0004 not a wav at all'))).toThrow(/not a WAV file/);
    expect(() => wavDurationMs(header({ format: 6, dataBytes: 0 }))).toThrow(/not PCM/);
    expect(() => wavDurationMs(header({ dataBytes: 0 }).subarray(0, 36))).toThrow(/no data chunk/);
    expect(() => wavDurationMs(header({ rate: 0, dataBytes: 0 }))).toThrow(/sample rate/);
  });
});
