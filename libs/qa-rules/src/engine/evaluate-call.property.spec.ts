import fc from 'fast-check';
import { evaluateDefault } from '../../test/support/call-builder';
import { MAX_HITS_PER_CALL } from '../limits/engine-limits';
import { evaluateCall } from './evaluate-call';

const time = fc.oneof(
  fc.integer({ min: -1e7, max: 1e8 }),
  fc.double(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, Number.MAX_VALUE),
  fc.string(),
  fc.constant(undefined),
);
const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.constantFrom(
    '不知道您现在方便吗',
    '我不清楚',
    '投诉12315',
    '请稍等',
    '让您久等了',
    '再见',
    '',
  ),
  fc
    .array(
      fc.constantFrom('不', '知', '道', '您', '投', '诉', '稍', '等', '\ud83d', '\ude21', '1', '5'),
      { maxLength: 40 },
    )
    .map((c) => c.join('')),
  fc.anything(),
);
const segment = fc.oneof(
  fc.record(
    {
      speaker: fc.constantFrom('agent', 'customer', 'robot', undefined, 7),
      startMs: time,
      endMs: time,
      text,
    },
    { requiredKeys: [] },
  ),
  fc.anything(),
);
const instant = fc.oneof(
  fc
    .date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc.string(),
  fc.constantFrom(null, undefined, '', 0, '2026-11-22T09:00:00+08:00'),
);
const call = fc.record(
  {
    direction: fc.constantFrom('inbound', 'outbound', 'sideways', null),
    purpose: fc.constantFrom('service', 'complaint', 'callback', 7),
    startedAt: instant,
    answeredAt: instant,
    endedAt: instant,
    ringCount: fc.oneof(fc.integer({ min: -5, max: 1e9 }), fc.double(), fc.constant(undefined)),
    hangupBy: fc.constantFrom('customer', 'agent', 'system', null),
    segments: fc.oneof(fc.array(segment, { maxLength: 40 }), fc.anything()),
  },
  { requiredKeys: [] },
);
const context = fc.record(
  {
    companyName: fc.oneof(fc.string(), fc.constant(undefined)),
    secondsPerRing: fc.oneof(fc.double(), fc.integer(), fc.constant(undefined)),
  },
  { requiredKeys: [] },
);

const textOf = (input: unknown, segment: number): string => {
  const segs = (input as { segments?: unknown })?.segments;
  const seg = Array.isArray(segs) ? (segs[segment] as { text?: unknown }) : undefined;
  return seg && typeof seg === 'object' && typeof seg.text === 'string' ? seg.text : '';
};

describe(`${evaluateCall.name} on any input`, () => {
  it('never throws, keeps the score in 0..100 and every evidence span inside its segment', () => {
    fc.assert(
      fc.property(fc.oneof(call, fc.anything()), context, (input, ctx) => {
        const r = evaluateDefault(input, ctx as never);
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(100);
        expect(Math.round(r.score * 10) / 10).toBe(r.score);
        expect(typeof r.grade).toBe('string');
        expect(r.grade.length).toBeGreaterThan(0);
        const spans = [...r.findings.flatMap((f) => f.evidence), ...r.complaint.evidence];
        for (const e of spans) expect(['trigger', 'match', 'missing']).toContain(e.role);
        // A measurement has an empty span and says what it measured in words.
        for (const e of spans.filter((x) => x.measure))
          expect([e.start, e.end, e.text.length > 0]).toEqual([0, 0, true]);
        for (const e of spans.filter((x) => !x.measure)) {
          const t = textOf(input, e.segment);
          expect(Number.isInteger(e.start) && Number.isInteger(e.end)).toBe(true);
          expect(0 <= e.start && e.start <= e.end && e.end <= t.length).toBe(true);
          expect(e.text).toBe(t.slice(e.start, e.end));
        }
        for (const f of r.findings) expect(['pass', 'fail', 'not_applicable']).toContain(f.outcome);
        expect(Number.isFinite(r.metrics.handleSeconds)).toBe(true);
        expect(r.metrics.ringCount === null || Number.isFinite(r.metrics.ringCount)).toBe(true);
      }),
      { numRuns: 1500 },
    );
  });

  it('survives hostile objects: getters that throw, proxies, frozen and huge inputs', () => {
    const hostile = {
      get segments(): never {
        throw new Error('boom');
      },
    };
    const proxy = new Proxy(
      {},
      {
        get: () => {
          throw new Error('trap');
        },
      },
    );
    const huge = {
      answeredAt: '2026-11-22T09:00:00Z',
      segments: Array.from({ length: 5000 }, (_, i) => ({
        speaker: i % 2 ? 'agent' : 'customer',
        startMs: i,
        endMs: i + 1e6,
        text: '不知道'.repeat(50),
      })),
    };
    for (const input of [hostile, proxy, Object.freeze({ segments: Object.freeze([]) }), huge]) {
      expect(() => evaluateDefault(input)).not.toThrow();
    }
    // 5,000 segments of 50 hits each: the hits past MAX_HITS_PER_CALL (in segment order, customer
    // turns alternating with agent ones) are cut off, so half the hits kept are the agent's.
    expect(evaluateDefault(huge).metrics.forbiddenPhraseCount).toBe(MAX_HITS_PER_CALL / 2);
  });
});
