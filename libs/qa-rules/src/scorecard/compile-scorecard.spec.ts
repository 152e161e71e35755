import { buildCall, CONTEXT, OPENING } from '../../test/support/call-builder';
import { evaluateCall } from '../engine/evaluate-call';
import { compileScorecard } from './compile-scorecard';
import { compiledScorecardCacheSize, getCompiledScorecard } from './compiled-scorecard-cache';
import { defaultScorecard } from './default-scorecard';

describe(compileScorecard.name, () => {
  it('builds one automaton over every list of the scorecard and its items', () => {
    const c = compileScorecard(defaultScorecard());
    expect(c.issues).toEqual([]);
    expect(c.listNames).toEqual(
      expect.arrayContaining(['complaint', 'forbidden/forbidden', 'greeting/greeting']),
    );
    expect(c.automaton.patterns).toEqual(expect.arrayContaining(['不知道', '您好', '12315']));
  });

  it("lets an item's own list shadow the scorecard's list of the same name", () => {
    const card = defaultScorecard();
    card.phraseLists = { ...card.phraseLists, forbidden: ['不晓得'] };
    const c = compileScorecard(card);
    const call = buildCall([
      ['a', OPENING],
      ['a', '这个我不知道,也不晓得'],
    ]);
    const f = evaluateCall(c, call, CONTEXT).findings.find(
      (x) => x.ruleId === 'forbidden.phrases',
    )!;
    expect(f.evidence.map((e) => e.text)).toEqual(['不知道']);
  });

  it('keeps complaint detection working when a scorecard has no complaint words', () => {
    const card = defaultScorecard();
    delete card.phraseLists;
    const c = compileScorecard(card);
    expect(evaluateCall(c, buildCall([['c', '我要投诉']]), CONTEXT).complaint.detected).toBe(true);
  });

  it('never throws on a broken definition', () => {
    for (const bad of [
      null,
      {},
      { items: [null, 7, { kind: 'auto', ruleId: 'x' }], sections: 'x' },
    ]) {
      const c = compileScorecard(bad as never);
      expect(evaluateCall(c, buildCall([['a', '你好']]), CONTEXT).score).toBe(100);
    }
  });
});

describe(getCompiledScorecard.name, () => {
  it('compiles each id@version once and keeps a bounded number', () => {
    const card = defaultScorecard();
    card.id = 'cache-test';
    expect(getCompiledScorecard(card)).toBe(getCompiledScorecard({ ...card }));
    expect(getCompiledScorecard({ ...card, version: 2 })).not.toBe(getCompiledScorecard(card));
    for (let v = 10; v < 100; v++) getCompiledScorecard({ ...card, version: v });
    expect(compiledScorecardCacheSize()).toBeLessThanOrEqual(32);
  });
});
