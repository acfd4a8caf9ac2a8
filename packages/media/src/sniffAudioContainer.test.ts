import { describe, expect, it } from 'vitest';
import { sniffAudioContainer } from './sniffAudioContainer.ts';

const bytes = (...parts: Array<string | number[]>) =>
  Buffer.concat(
    parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))),
  );

describe('sniffAudioContainer', () => {
  it.each([
    ['WAV', bytes('RIFF\0\0\0\0WAVEfmt '), 'wav'],
    ['RF64 WAV', bytes('RF64\xff\xff\xff\xffWAVEds64'), 'wav'],
    ['MP3 frame', bytes([0xff, 0xfb, 0x90, 0x64]), 'mp3'],
    ['MP3 with an ID3 tag', bytes('ID3\x04\0\0\0\0\0\x02', [0, 0], [0xff, 0xfb, 0x90, 0x64]), 'mp3'],
    ['FLAC with an ID3 tag', bytes('ID3\x04\0\0\0\0\0\x02', [0, 0], 'fLaC'), 'flac'],
    ['ADTS AAC', bytes([0xff, 0xf1, 0x50, 0x80]), 'aac'],
    ['Ogg', bytes('OggS\0\x02'), 'ogg'],
    ['FLAC', bytes('fLaC\0\0\0\x22'), 'flac'],
    ['M4A', bytes('\0\0\0\x20ftypM4A '), 'mov'],
    ['WebM', bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f]), 'matroska'],
  ])('opens %s with exactly one reader', (_name, input, demuxer) => {
    expect(sniffAudioContainer(input)).toEqual({ kind: 'audio', demuxer });
  });

  it.each([
    ['a PDF', bytes('%PDF-1.4\n'), 'a PDF'],
    ['a PNG', bytes('\x89PNG\r\n\x1a\n'), 'an image'],
    ['a JPEG', bytes([0xff, 0xd8, 0xff, 0xe0]), 'an image'],
    ['a Word document', bytes('PK\x03\x04\x14\0'), 'a ZIP archive or an Office document'],
    ['a web page', Buffer.from('\ufeff  <!DOCTYPE html><html>', 'utf8'), 'a web page'],
    ['an HLS playlist', bytes('#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:0\nfile:///etc/passwd\n'), 'text'],
    ['a UTF-8 text', Buffer.from('Добро пожаловать\n', 'utf8'), 'text'],
    ['random bytes', bytes([0x00, 0x13, 0x37, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06]), null],
  ])('says what %s looks like instead of audio', (_name, input, looksLike) => {
    expect(sniffAudioContainer(input)).toEqual({ kind: 'other', looksLike });
  });
});
