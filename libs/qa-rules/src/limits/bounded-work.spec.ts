import { buildCall, CONTEXT, Turn } from '../../test/support/call-builder';
import { RuleContext } from '../engine/rule-context';
import { evaluateCall } from '../engine/evaluate-call';
import { compileScorecard } from '../scorecard/compile-scorecard';
import { defaultScorecard } from '../scorecard/default-scorecard';
import { validateScorecard } from '../scorecard/validate-scorecard';
import type { ScorecardDefinition } from '../types/scorecard.types';
import { heaviestCallWork, MAX_PROBES_PER_HIT, resetCallWork } from './call-work';
import {
  ENGINE_LIMITS,
  MAX_CHARS_PER_CALL,
  MAX_HITS_PER_SEGMENT,
  MAX_PHRASE_LENGTH,
  MAX_PHRASES_PER_LIST,
} from './engine-limits';

/** The security review's card: twenty phrases, each the one before with one more 啊. */
function pathologicalCard(phrases: string[]): ScorecardDefinition {
  const card = defaultScorecard();
  const item = card.items.find((i) => i.ruleId === 'forbidden.phrases')!;
  item.phrases = { ...item.phrases, forbidden: phrases };
  card.items.push({
    id: 'custom-unless',
    sectionId: item.sectionId,
    kind: 'auto',
    ruleId: 'custom.phrase',
    points: 1,
    params: { phrase: 'forbidden', speaker: 'any', unless: 'forbidden' },
  });
  return card;
}
const REPEATED = Array.from({ length: 20 }, (_, i) => '啊'.repeat(i + 1));
const forbiddenItem = (card: ScorecardDefinition) =>
  card.items.findIndex((i) => i.ruleId === 'forbidden.phrases');

describe('bounded work per call and per scorecard', () => {
  it('scores twenty nested phrases over a 1,500-character segment with counted work capped per segment and linear in the hits', () => {
    const card = pathologicalCard(REPEATED);
    expect(validateScorecard(card)).toEqual([]);
    const compiled = compileScorecard(card);
    const score = (lengths: number[]) => {
      resetCallWork();
      const turns = lengths.map((n, i): Turn => [i % 2 ? 'c' : 'a', '啊'.repeat(n)]);
      const result = evaluateCall(compiled, buildCall(turns), CONTEXT);
      return { result, work: heaviestCallWork() };
    };
    const { result, work } = score([1500, 1500]);
    // Quadratic nesting over ~30,000 hits a segment blocked the event loop 1.3 s per call.
    expect(work).toMatchObject({
      segments: 2,
      charsScanned: 3000,
      maxSegmentHits: MAX_HITS_PER_SEGMENT,
      hits: 2 * MAX_HITS_PER_SEGMENT,
      truncated: true,
    });
    expect(work.probes).toBeLessThanOrEqual(MAX_PROBES_PER_HIT * work.hits);
    // Linear below the cap: probes grow with the hits, not with their square.
    for (const n of [10, 20, 40]) {
      const below = score([n]).work;
      expect(below.maxSegmentHits).toBeLessThan(MAX_HITS_PER_SEGMENT);
      expect(below.probes).toBeLessThanOrEqual(MAX_PROBES_PER_HIT * below.hits);
    }
    // Capped above it: a segment 25 times longer than one that reaches the cap costs no more.
    const atCap = score([60]).work;
    const longer = score([1500]).work;
    expect(atCap.maxSegmentHits).toBe(MAX_HITS_PER_SEGMENT);
    expect({ hits: longer.hits, probes: longer.probes }).toEqual({
      hits: atCap.hits,
      probes: atCap.probes,
    });

    const forbidden = result.findings.find((f) => f.ruleId === 'forbidden.phrases')!;
    expect(forbidden.outcome).toBe('fail');
    // Only the longest spans count, each once: no hit kept inside another one.
    expect(forbidden.evidence.every((e) => e.text === '啊'.repeat(20))).toBe(true);
    expect(JSON.stringify(score([1500, 1500]).result)).toBe(JSON.stringify(result));
    expect(typeof result.score).toBe('number');
  });

  it('keeps at most MAX_HITS_PER_SEGMENT hits of a segment and scans MAX_CHARS_PER_CALL characters', () => {
    const compiled = compileScorecard(pathologicalCard(REPEATED));
    const ctx = new RuleContext();
    ctx.view.load(buildCall([['a', '啊'.repeat(1500)]]));
    ctx.hits.fill(compiled.automaton, ctx.view.texts, ctx.view.count, ctx.view.silent);
    expect(ctx.hits.count).toBe(MAX_HITS_PER_SEGMENT);
    expect(ctx.hits.truncated).toBe(true);

    ctx.view.load(buildCall(Array.from({ length: 60 }, () => ['a', `${'好'.repeat(4999)}啊`])));
    ctx.hits.fill(compiled.automaton, ctx.view.texts, ctx.view.count, ctx.view.silent);
    const segments = new Set(Array.from(ctx.hits.segment.subarray(0, ctx.hits.count)));
    expect(segments.size).toBe(Math.floor(MAX_CHARS_PER_CALL / 5000));
    expect(ctx.hits.truncated).toBe(true);
  });

  it('refuses a 70,000-phrase list when the scorecard is saved, naming the path and the limit', () => {
    const card = pathologicalCard(Array.from({ length: 70_000 }, (_, i) => `词${i}`));
    const errors = validateScorecard(card);
    expect(errors).toEqual([
      {
        path: `items.${forbiddenItem(card)}.phrases.forbidden`,
        message: `has 70000 phrases; a list may have at most ${MAX_PHRASES_PER_LIST} (limit maxPhrasesPerList)`,
      },
      expect.objectContaining({
        path: 'phraseLists',
        message: expect.stringContaining('maxPhrasesPerScorecard'),
      }),
    ]);
  });

  it('refuses long phrases, too many items and too many expression nodes', () => {
    const card = pathologicalCard(['啊'.repeat(MAX_PHRASE_LENGTH + 1)]);
    expect(validateScorecard(card)).toEqual([
      {
        path: `items.${forbiddenItem(card)}.phrases.forbidden.0`,
        message: `is ${MAX_PHRASE_LENGTH + 1} characters; a phrase may have at most ${MAX_PHRASE_LENGTH} (limit maxPhraseLength)`,
      },
    ]);
    const many = defaultScorecard();
    const extra = { ...many.items[0], ruleId: 'custom.phrase', params: { phrase: 'forbidden' } };
    many.items = Array.from({ length: ENGINE_LIMITS.maxItems + 1 }, (_, i) => ({
      ...extra,
      id: `i${i}`,
    }));
    expect(validateScorecard(many).map((e) => e.message)).toContain(
      `has ${ENGINE_LIMITS.maxItems + 1} items; a scorecard may have at most ${ENGINE_LIMITS.maxItems} (limit maxItems)`,
    );
    const wide = defaultScorecard();
    const leaves = Array.from({ length: 150 }, () => ({ phrase: 'forbidden' }));
    wide.items.push(
      ...Array.from({ length: 8 }, (_, i) => ({
        ...extra,
        id: `wide${i}`,
        params: { any: leaves },
      })),
    );
    expect(validateScorecard(wide).map((e) => e.message)).toContain(
      `a scorecard's expressions may have at most ${ENGINE_LIMITS.maxExpressionNodes} nodes in all (limit maxExpressionNodes)`,
    );
  });

  it('still scores a stored card over the limits, cutting it off instead of throwing', () => {
    const card = pathologicalCard([
      '不知道',
      ...Array.from({ length: 70_000 }, (_, i) => `词${i}`),
    ]);
    const compiled = compileScorecard(card);
    expect(compiled.automaton.patterns.length).toBeLessThanOrEqual(
      ENGINE_LIMITS.maxPhrasesPerScorecard,
    );
    const r = evaluateCall(compiled, buildCall([['a', '我不知道,词1']]), CONTEXT);
    const forbidden = r.findings.find((f) => f.ruleId === 'forbidden.phrases')!;
    expect(forbidden.evidence.map((e) => e.text)).toEqual(['不知道', '词1']);
  });
});
