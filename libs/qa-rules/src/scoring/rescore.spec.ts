import { buildCall, CLOSING, evaluateDefault, OPENING } from '../../test/support/call-builder';
import { rescore } from './rescore';

const result = () =>
  evaluateDefault(
    buildCall([
      ['a', OPENING],
      ['c', '我的宽带又断了'],
      ['a', '这个我不清楚'],
      ['a', '请问还有其他可以帮您的吗'],
      ['a', CLOSING],
    ]),
  );

describe(rescore.name, () => {
  it('matches the automatic score when nobody has answered', () => {
    const r = result();
    expect(rescore(r, [])).toMatchObject({ score: r.score, grade: r.grade, sections: r.sections });
  });

  it('counts a manual answer and removes it from the pending items', () => {
    const r = result();
    expect(r.pendingManualItems.map((m) => m.itemId)).toEqual(['solved-correctly']);
    const failed = rescore(r, [
      { itemId: 'solved-correctly', outcome: 'fail', reason: '答错了资费' },
    ]);
    expect(failed.pendingManualItems).toEqual([]);
    expect(failed.manualAnswers).toEqual([
      expect.objectContaining({
        itemId: 'solved-correctly',
        outcome: 'fail',
        reason: '答错了资费',
      }),
    ]);
    expect(failed.score).toBeLessThan(r.score);
  });

  it('overrides an automatic finding, keeping what the engine said', () => {
    const r = result();
    expect(r.findings.find((f) => f.itemId === 'forbidden')?.outcome).toBe('fail');
    expect(r.metrics.forbiddenPhraseCount).toBe(1);
    const cleared = rescore(r, [{ itemId: 'forbidden', outcome: 'pass', reason: 'ASR 误识别' }]);
    expect(cleared.findings.find((f) => f.itemId === 'forbidden')).toMatchObject({
      outcome: 'pass',
      override: { automaticOutcome: 'fail', reason: 'ASR 误识别' },
    });
    expect(cleared.score).toBeGreaterThan(r.score);
    expect(cleared.metrics.forbiddenPhraseCount).toBe(0);
    const back = rescore(cleared, [{ itemId: 'forbidden', outcome: 'fail' }]);
    expect(back.findings.find((f) => f.itemId === 'forbidden')?.override).toBeUndefined();
    expect(back.score).toBe(r.score);
  });

  it('zeroes the score when a person fails a critical item', () => {
    const r = result();
    r.basis = {
      ...r.basis,
      items: r.basis.items.map((i) =>
        i.itemId === 'solved-correctly' ? { ...i, critical: true } : i,
      ),
    };
    expect(rescore(r, [{ itemId: 'solved-correctly', outcome: 'fail' }])).toMatchObject({
      score: 0,
      criticalFailed: true,
    });
  });

  it('keeps earlier answers, ignores unknown items and does not change its input', () => {
    const r = result();
    const copy = structuredClone(r);
    const first = rescore(r, [{ itemId: 'solved-correctly', outcome: 'pass' }]);
    const second = rescore(first, [{ itemId: 'no-such-item', outcome: 'fail' }]);
    expect(second.manualAnswers.map((m) => m.outcome)).toEqual(['pass']);
    expect(second.score).toBe(first.score);
    expect(r).toEqual(copy);
  });
});
