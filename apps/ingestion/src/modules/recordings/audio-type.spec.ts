import { sniffAudio } from './audio-type';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(
    parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))),
  );

describe(sniffAudio.name, () => {
  it.each([
    ['wav', bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt ')],
    ['mp3', bytes('ID3', [4, 0, 0, 0, 0, 0, 0, 0, 0])],
    ['mp3', bytes([0xff, 0xfb, 0x90, 0x64, 0, 0, 0, 0, 0, 0, 0, 0])],
    ['ogg', bytes('OggS', [0, 2, 0, 0, 0, 0, 0, 0])],
    ['webm', bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 1, 0x42, 0xf7, 0x81])],
  ])('recognises %s', (kind, head) => {
    expect(sniffAudio(head)).toBe(kind);
  });

  it.each([
    ['text', bytes('hello world!')],
    ['a RIFF that is not WAVE', bytes('RIFF', [0, 0, 0, 0], 'AVI ')],
    ['empty', Buffer.alloc(0)],
    ['PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
  ])('refuses %s', (_name, head) => {
    expect(sniffAudio(head)).toBeNull();
  });
});
