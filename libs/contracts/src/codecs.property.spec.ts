import fc from 'fast-check';
import { Codecs, EventTopic } from './topics';

const topics = Object.keys(Codecs) as EventTopic[];
const codecOf = (t: EventTopic) =>
  Codecs[t] as (typeof Codecs)[EventTopic] & {
    decode(b: Uint8Array): unknown;
    encode(m: unknown): { finish(): Uint8Array };
  };

/** Outcome of decoding bytes: the message re-encoded and decoded again, or the error's class. */
function decodeTwice(topic: EventTopic, bytes: Uint8Array): { ok: boolean; stable?: boolean } {
  const codec = codecOf(topic);
  let first: unknown;
  try {
    first = codec.decode(bytes);
  } catch (e) {
    // Undecodable bytes must surface as an Error the consumer turns into a dead letter.
    return { ok: e instanceof Error };
  }
  const again = codec.decode(codec.encode(first).finish());
  return { ok: true, stable: JSON.stringify(again) === JSON.stringify(first) };
}

describe('every topic codec under fast-check', () => {
  it('covers every protobuf topic', () => {
    expect(topics.length).toBeGreaterThanOrEqual(12);
  });

  it.each(topics)('%s: random bytes decode to a stable message or throw an Error', (topic) => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        expect(decodeTwice(topic, bytes)).not.toEqual(expect.objectContaining({ ok: false }));
        expect(decodeTwice(topic, bytes).stable).not.toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it.each(topics)(
    '%s: a message of another topic decodes or throws an Error, never worse',
    (topic) => {
      const others = topics.filter((t) => t !== topic);
      fc.assert(
        fc.property(
          fc.constantFrom(...others),
          fc.uint8Array({ maxLength: 300 }),
          (other, noise) => {
            const wrong = decodeTwice(other, noise).stable
              ? codecOf(other).encode(codecOf(other).decode(noise)).finish()
              : noise;
            expect(decodeTwice(topic, wrong).ok).toBe(true);
          },
        ),
        { numRuns: 100 },
      );
    },
  );
});
