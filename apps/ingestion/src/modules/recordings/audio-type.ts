/** Accepted audio types and the extension each is stored under. */
export const AUDIO_TYPES: Record<string, string> = {
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/wave': 'wav',
  'audio/vnd.wave': 'wav',
  'audio/mpeg': 'mp3',
  'audio/mp3': 'mp3',
  'audio/ogg': 'ogg',
  'audio/webm': 'webm',
};

/** What a client sends when it does not say (curl -F file=@x.wav): the bytes decide. */
export const UNTYPED = new Set(['', 'application/octet-stream']);

/** The type a sniffed container is stored and served as. */
export const TYPE_OF: Record<string, string> = {
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  webm: 'audio/webm',
};

/** How many leading bytes `sniffAudio` needs. */
export const SNIFF_BYTES = 12;

/**
 * The container the first bytes announce, whatever the client claimed: RIFF/WAVE, MPEG audio
 * (an ID3 tag or a frame sync), Ogg, or WebM (EBML). null when it is none of them.
 */
export function sniffAudio(head: Buffer): 'wav' | 'mp3' | 'ogg' | 'webm' | null {
  const ascii = (from: number, to: number) => head.subarray(from, to).toString('latin1');
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE') return 'wav';
  if (ascii(0, 3) === 'ID3') return 'mp3';
  if (head.length >= 2 && head[0] === 0xff && (head[1] & 0xe0) === 0xe0) return 'mp3';
  if (ascii(0, 4) === 'OggS') return 'ogg';
  if (head.length >= 4 && head.readUInt32BE(0) === 0x1a45dfa3) return 'webm';
  return null;
}
