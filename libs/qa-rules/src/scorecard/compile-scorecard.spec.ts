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
  it('answers each id@version from memory and keeps a bounded number', () => {
    const card = defaultScorecard();
    card.id = 'cache-test';
    expect(getCompiledScorecard(card)).toBe(getCompiledScorecard({ ...card }));
    expect(getCompiledScorecard({ ...card, version: 2 })).not.toBe(getCompiledScorecard(card));
    for (let v = 10; v < 5000; v++) getCompiledScorecard({ ...card, version: v });
    expect(compiledScorecardCacheSize().versions).toBeLessThanOrEqual(4096);
  });

  it('compiles identical definitions once, whatever their ids (one default card per tenant)', () => {
    const before = compiledScorecardCacheSize().cores;
    const tenants = Array.from({ length: 200 }, (_, i) => ({
      ...defaultScorecard(),
      id: `tenant-${i}-default`,
      version: 1,
    }));
    const compiled = tenants.map((t) => getCompiledScorecard(t));
    expect(compiledScorecardCacheSize().cores - before).toBeLessThanOrEqual(1);
    expect(new Set(compiled.map((c) => c.automaton)).size).toBe(1);
    // Each keeps its own identity in what it reports.
    expect(compiled.map((c) => [c.id, c.version, c.key])[7]).toEqual([
      'tenant-7-default',
      1,
      'tenant-7-default@1',
    ]);
    const call = buildCall([['a', '这个我不清楚']]);
    expect(evaluateCall(compiled[3], call, CONTEXT).scorecardId).toBe('tenant-3-default');
  });

  it('compiles a changed definition on its own', () => {
    const a = { ...defaultScorecard(), id: 'changed-a', version: 1 };
    const b = { ...defaultScorecard(), id: 'changed-b', version: 1 };
    b.gradeBands = [{ grade: 'X', min: 0 }];
    expect(getCompiledScorecard(a).automaton).toBe(getCompiledScorecard(a).automaton);
    expect(getCompiledScorecard(b).basis.gradeBands).toEqual([{ grade: 'X', min: 0 }]);
    expect(getCompiledScorecard(a).basis.gradeBands).not.toEqual(
      getCompiledScorecard(b).basis.gradeBands,
    );
  });
});
