import { buildCall, CLOSING, evaluateDefault, OPENING } from '../../test/support/call-builder';
import { DEFAULT_RULE_IDS } from '../rules/rule-registry';
import { evaluateCall } from './evaluate-call';

const goodCall = () =>
  buildCall([
    ['a', OPENING],
    ['c', '我想查一下这个月的话费'],
    ['a', '好的,请问您的手机号码是多少'],
    ['c', '13800138000'],
    ['a', '您这个月的话费是八十八元,包含套餐费和一笔短信费'],
    ['a', '请问还有其他可以帮您的吗'],
    ['c', '没有了'],
    ['a', CLOSING],
  ]);

describe(evaluateCall.name, () => {
  it('scores a good call 100 with a finding per item, pending the manual one', () => {
    const r = evaluateDefault(goodCall());
    expect(r).toMatchObject({
      score: 100,
      grade: '最佳',
      scored: true,
      scorecardId: 'default',
      scorecardVersion: 1,
    });
    expect(r.findings.map((f) => f.ruleId).sort()).toEqual([...DEFAULT_RULE_IDS].sort());
    expect(r.findings.every((f) => f.scorecardVersion === 1 && f.outcome !== 'fail')).toBe(true);
    expect(r.pendingManualItems).toEqual([
      {
        itemId: 'solved-correctly',
        sectionId: 'resolution',
        question: '问题是否得到正确、完整的解答?',
        points: 10,
        critical: false,
      },
    ]);
    expect(r.metrics).toEqual({
      answeredWithinThreeRings: true,
      ringCount: 2,
      forbiddenPhraseCount: 0,
      handleSeconds: 594,
    });
    expect(r.complaint).toEqual({ detected: false, evidence: [] });
  });

  it('hands the weight of a section with nothing applicable to the others', () => {
    const r = evaluateDefault({ ...goodCall(), startedAt: 'unknown' });
    expect(r.sections.map((s) => [s.sectionId, s.weight])).toEqual([
      ['etiquette', 35.3],
      ['communication', 35.3],
      ['resolution', 29.4],
      ['efficiency', 0],
    ]);
    expect(r.score).toBe(100);
  });

  it('lowers the score for each failed item by its share of its section', () => {
    const call = goodCall();
    call.segments[2].text = '这个我也不清楚,您的手机号码是多少';
    const r = evaluateDefault(call);
    expect(r.findings.find((f) => f.ruleId === 'forbidden.phrases')?.outcome).toBe('fail');
    expect(r.metrics.forbiddenPhraseCount).toBe(1);
    // 沟通 (30) has forbidden (15) and interruption (5) applicable: 5/20 of it is earned.
    expect(r.sections.find((s) => s.sectionId === 'communication')?.score).toBe(7.5);
    expect(r.score).toBe(77.5);
  });

  it('leaves an abandoned call unscored but for the ring rule', () => {
    const r = evaluateDefault(
      buildCall([], {
        answeredAt: null,
        startedAt: '2026-11-22T09:00:00+08:00',
        endedAt: '2026-11-22T09:00:05+08:00',
      }),
    );
    expect(r.findings.every((f) => f.outcome === 'not_applicable')).toBe(true);
    expect(r).toMatchObject({ scored: false, score: 100 });
    expect(r.metrics).toMatchObject({
      answeredWithinThreeRings: null,
      ringCount: 2,
      handleSeconds: 0,
    });
  });

  it('keeps evidence indexes pointing at the input segments when some are junk', () => {
    const call = goodCall() as unknown as { segments: unknown[] };
    call.segments.splice(1, 0, null, { speaker: 'robot', text: '不知道' });
    call.segments.splice(5, 0, {
      speaker: 'agent',
      startMs: 20000,
      endMs: 21000,
      text: '我不知道',
    });
    const r = evaluateDefault(call);
    const e = r.findings.find((f) => f.ruleId === 'forbidden.phrases')!.evidence;
    expect(e).toEqual([{ role: 'match', segment: 5, start: 1, end: 4, text: '不知道' }]);
  });

  it('gives the same result twice (no state leaks between calls)', () => {
    const a = evaluateDefault(goodCall());
    evaluateDefault(
      buildCall(
        [
          ['c', '我要投诉'],
          ['a', '不知道'],
        ],
        { purpose: 'callback' },
      ),
    );
    expect(evaluateDefault(goodCall())).toEqual(a);
  });
});
