import fc from 'fast-check';
import { evaluateCall } from './evaluate-call';
import { compileScorecard } from './scorecard/compile-scorecard';
import { defaultScorecard } from './scorecard/default-scorecard';
import type { ScorecardDefinition } from './types';

const compiled = compileScorecard(defaultScorecard());
const ctx = { companyName: '示例公司', secondsPerRing: 3 };

const segment = fc.record({
  speaker: fc.constantFrom('agent', 'customer', 'robot', undefined),
  startMs: fc.oneof(fc.integer({ min: -1e6, max: 1e7 }), fc.constant(Number.NaN), fc.double()),
  endMs: fc.oneof(fc.integer({ min: -1e6, max: 1e7 }), fc.constant(Number.POSITIVE_INFINITY)),
  text: fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 80 }),
    fc.constantFrom('不知道您现在方便吗', '我不清楚', '投诉', ''),
    fc.constant(undefined),
  ),
});
const anyCall = fc.record(
  {
    direction: fc.constantFrom('inbound', 'outbound', 'x'),
    purpose: fc.constantFrom('service', 'complaint', 'callback', 7),
    startedAt: fc.oneof(
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc.string(),
    ),
    answeredAt: fc.oneof(
      fc.constant(null),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc.string(),
    ),
    endedAt: fc.oneof(
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc.string(),
    ),
    ringCount: fc.oneof(fc.integer({ min: -5, max: 1000 }), fc.constant(undefined)),
    hangupBy: fc.constantFrom('customer', 'agent', 'system', null),
    segments: fc.oneof(fc.array(segment, { maxLength: 30 }), fc.constant(null)),
  },
  { requiredKeys: [] },
);

describe(evaluateCall.name, () => {
  it('never throws, keeps the score in 0..100 and evidence inside its segment', () => {
    fc.assert(
      fc.property(fc.oneof(anyCall, fc.anything()), (call) => {
        const r = evaluateCall(compiled, call, ctx);
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(100);
        expect(typeof r.grade).toBe('string');
        const segs = (call as { segments?: { text?: unknown }[] })?.segments;
        for (const f of r.findings) {
          for (const e of f.evidence) {
            const text = Array.isArray(segs)
              ? String(
                  (segs.filter((s) => s && typeof s === 'object')[e.segment] as { text?: string })
                    ?.text ?? '',
                )
              : '';
            expect(e.start).toBeGreaterThanOrEqual(0);
            expect(e.end).toBeLessThanOrEqual(text.length);
            expect(e.text).toBe(text.slice(e.start, e.end));
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('reports every finding with the scorecard version and a complaint from customer keywords', () => {
    const r = evaluateCall(
      compiled,
      {
        direction: 'inbound',
        purpose: 'service',
        startedAt: '2026-11-22T09:00:00Z',
        answeredAt: '2026-11-22T09:00:05Z',
        endedAt: '2026-11-22T09:01:00Z',
        hangupBy: 'customer',
        segments: [
          { speaker: 'agent', startMs: 0, endMs: 2000, text: '您好,示例公司,很高兴为您服务' },
          { speaker: 'customer', startMs: 2500, endMs: 5000, text: '再不处理我就打12315投诉' },
        ],
      },
      ctx,
    );
    expect(r.findings).toHaveLength(12);
    expect(r.findings.every((f) => f.scorecardVersion === 1)).toBe(true);
    expect(r.complaint).toEqual({
      detected: true,
      reason: 'keyword',
      evidence: [
        { segment: 1, start: 7, end: 12, text: '12315' },
        { segment: 1, start: 12, end: 14, text: '投诉' },
      ],
    });
    expect(r.pendingManualItems.map((m) => m.itemId)).toEqual(['solved-correctly']);
  });

  it('ignores complaint words in agent speech and marks a complaint purpose', () => {
    const base = {
      startedAt: '2026-11-22T09:00:00Z',
      answeredAt: '2026-11-22T09:00:05Z',
      endedAt: '2026-11-22T09:01:00Z',
      segments: [{ speaker: 'agent', startMs: 0, endMs: 2000, text: '如需投诉请拨打热线' }],
    };
    expect(evaluateCall(compiled, { ...base, purpose: 'service' }, ctx).complaint.detected).toBe(
      false,
    );
    expect(evaluateCall(compiled, { ...base, purpose: 'complaint' }, ctx).complaint).toEqual({
      detected: true,
      reason: 'purpose',
      evidence: [],
    });
  });

  it('runs tenant rules composed from phrase lists without code (custom.phrase)', () => {
    const card: ScorecardDefinition = defaultScorecard();
    card.id = 'custom';
    card.phraseLists.verify = ['身份证后四位', '核实一下您的身份'];
    card.items.push({
      id: 'verify-identity',
      sectionId: 'resolution',
      kind: 'auto',
      ruleId: 'custom.phrase',
      points: 5,
      params: {
        expr: {
          all: [
            { phrase: 'verify', speaker: 'agent', position: { firstTurns: 3 } },
            { not: { phrase: 'forbidden' } },
          ],
        },
      },
    });
    const c = compileScorecard(card);
    const call = (text: string) => ({
      answeredAt: '2026-11-22T09:00:05Z',
      startedAt: '2026-11-22T09:00:00Z',
      endedAt: '2026-11-22T09:01:00Z',
      segments: [{ speaker: 'agent', startMs: 0, endMs: 1000, text }],
    });
    const outcome = (text: string) =>
      evaluateCall(c, call(text), ctx).findings.find((f) => f.itemId === 'verify-identity');
    expect(outcome('请提供身份证后四位')?.outcome).toBe('pass');
    expect(outcome('请提供身份证后四位')?.evidence[0].text).toBe('身份证后四位');
    expect(outcome('您好')?.outcome).toBe('fail');
    expect(outcome('请提供身份证后四位,不知道就算了')?.outcome).toBe('fail');
  });
});
