import { buildCall, CONTEXT, OPENING } from '../../test/support/call-builder';
import { evaluateCall } from '../engine/evaluate-call';
import { compileScorecard } from '../scorecard/compile-scorecard';
import { defaultScorecard } from '../scorecard/default-scorecard';
import type { ScorecardItem } from '../types/scorecard.types';
import { customPhraseRule } from './custom-phrase-rule';

function withItem(params: Record<string, unknown>, phrases: Record<string, string[]> = {}) {
  const card = defaultScorecard();
  const item: ScorecardItem = {
    id: 'custom',
    sectionId: 'resolution',
    kind: 'auto',
    ruleId: 'custom.phrase',
    points: 5,
    params,
    phrases: {
      verify: ['身份证后四位', '核实一下您的身份'],
      refund: ['退款'],
      arrival: ['到账'],
      ...phrases,
    },
  };
  card.items.push(item);
  const compiled = compileScorecard(card);
  return {
    issues: compiled.issues,
    outcome: (...turns: Parameters<typeof buildCall>[0]) => {
      const f = evaluateCall(compiled, buildCall(turns), CONTEXT).findings.find(
        (x) => x.itemId === 'custom',
      )!;
      return { outcome: f.outcome, evidence: f.evidence.map((e) => e.text) };
    },
  };
}

describe(customPhraseRule.id, () => {
  it('passes when the expression holds and cites what matched', () => {
    const { outcome, issues } = withItem({ phrase: 'verify', position: { firstTurns: 3 } });
    expect(issues).toEqual([]);
    expect(outcome(['a', OPENING], ['a', '请提供一下身份证后四位'])).toEqual({
      outcome: 'pass',
      evidence: ['身份证后四位'],
    });
    expect(outcome(['a', OPENING], ['a', '好的'], ['a', '好的'], ['a', '身份证后四位'])).toEqual({
      outcome: 'fail',
      evidence: [],
    });
  });

  it("combines all / any / not, and reuses other items' lists by name", () => {
    const { outcome } = withItem({
      expr: {
        all: [
          { phrase: 'verify' },
          { not: { phrase: 'forbidden', unless: 'forbiddenExceptions' } },
        ],
      },
    });
    expect(outcome(['a', '请核实一下您的身份'], ['a', '不知道您现在方便吗']).outcome).toBe('pass');
    expect(outcome(['a', '请核实一下您的身份'], ['a', '这个我不知道']).outcome).toBe('fail');
  });

  it("passes on absence with passWhen 'absent'", () => {
    const { outcome } = withItem(
      { expr: { phrase: 'competitor' }, passWhen: 'absent' },
      { competitor: ['移动', '电信'] },
    );
    expect(outcome(['a', '我们的套餐更划算']).outcome).toBe('pass');
    expect(outcome(['a', '移动那边更贵']).outcome).toBe('fail');
  });

  it('filters by speaker and last turns', () => {
    const { outcome } = withItem({
      phrase: 'refund',
      speaker: 'customer',
      position: { lastTurns: 1 },
    });
    expect(outcome(['c', '我要退款'], ['a', '好的'], ['c', '谢谢']).outcome).toBe('fail');
    expect(outcome(['c', '好'], ['a', '好的'], ['c', '那退款呢']).outcome).toBe('pass');
  });

  it('is not applicable when its condition (when) does not occur, or for other purposes', () => {
    const { outcome } = withItem({
      when: { phrase: 'refund', speaker: 'customer' },
      expr: { phrase: 'arrival' },
    });
    expect(outcome(['c', '查一下话费'], ['a', '好的']).outcome).toBe('not_applicable');
    expect(outcome(['c', '退款呢'], ['a', '三到五个工作日到账']).outcome).toBe('pass');
    expect(outcome(['c', '退款呢'], ['a', '在处理']).outcome).toBe('fail');
    const callbacksOnly = withItem({ phrase: 'verify', appliesTo: { purpose: ['callback'] } });
    expect(callbacksOnly.outcome(['a', '身份证后四位']).outcome).toBe('not_applicable');
  });

  it('reports unknown lists and malformed expressions with their paths', () => {
    expect(
      withItem({ any: [{ phrase: 'nope' }, { all: [] }, 7] }).issues.map((i) => i.path),
    ).toEqual(['items.13.params.any.0', 'items.13.params.any.1', 'items.13.params.any.2']);
    expect(withItem({}).issues.map((i) => i.path)).toEqual(['items.13.params.expr']);
  });
});
