import { reviewedResult } from '../evaluations/reviewed-result';
import { actor, evaluation } from '../../../test/support/review-factory';
import { applyReview, decisionRows, decisionRuleId, weekOf } from './review-rules';

describe(applyReview.name, () => {
  it('records an override with its reason and what it changed', () => {
    const e = evaluation();
    const out = applyReview(
      e,
      { overrides: [{ ruleId: 'forbidden.phrases', outcome: 'pass', reason: ' quoted ' }] },
      actor,
    );
    expect(out.errors).toEqual([]);
    expect(out.review.decisions.forbidden).toMatchObject({ outcome: 'pass', reason: 'quoted' });
    expect(out.changes).toEqual([
      {
        ruleId: 'forbidden.phrases',
        itemId: 'forbidden',
        before: 'fail',
        after: 'pass',
        reason: 'quoted',
      },
    ]);
  });

  it('needs a reason to change the engine, none to confirm it', () => {
    const e = evaluation();
    const changed = applyReview(
      e,
      { overrides: [{ ruleId: 'forbidden.phrases', outcome: 'pass' }] },
      actor,
    );
    expect(changed.errors).toEqual([
      {
        path: 'overrides.0.reason',
        message: "a reason is required to override the engine's outcome",
      },
    ]);
    const confirmed = applyReview(
      e,
      { overrides: [{ ruleId: 'forbidden.phrases', outcome: 'fail' }] },
      actor,
    );
    expect(confirmed.errors).toEqual([]);
  });

  it('names unknown rules and items, manual items given as overrides, and items named twice', () => {
    const e = evaluation();
    const out = applyReview(
      e,
      {
        overrides: [
          { ruleId: 'no.such', outcome: 'pass', reason: 'x' },
          { ruleId: 'greeting.opening', outcome: 'pass' },
          { ruleId: 'greeting.opening', outcome: 'pass' },
        ],
        answers: [
          { itemId: 'nothing', outcome: 'pass' },
          { itemId: 'forbidden', outcome: 'pass' },
        ],
      },
      actor,
    );
    expect(out.errors.map((x) => x.path)).toEqual([
      'overrides.0.ruleId',
      'overrides.2',
      'answers.0.itemId',
      'answers.1.itemId',
    ]);
  });

  it('refuses to finalize with a manual item unanswered, and an empty review', () => {
    const e = evaluation();
    expect(applyReview(e, { finalize: true }, actor).errors.map((x) => x.path)).toEqual([
      'answers',
    ]);
    expect(applyReview(e, {}, actor).errors.map((x) => x.path)).toEqual(['']);
    expect(
      applyReview(
        e,
        { finalize: true, answers: [{ itemId: 'solved-correctly', outcome: 'pass' }] },
        actor,
      ).errors,
    ).toEqual([]);
  });

  it('confirms held fails on finalize, as changes from held to fail', () => {
    const e = evaluation({ reviewItems: ['forbidden'] });
    const out = applyReview(
      e,
      { finalize: true, answers: [{ itemId: 'solved-correctly', outcome: 'pass' }] },
      actor,
    );
    expect(out.changes).toContainEqual({
      ruleId: 'forbidden.phrases',
      itemId: 'forbidden',
      before: 'held',
      after: 'fail',
    });
  });
});

describe(reviewedResult.name, () => {
  it('leaves a held fail out of the score until confirmed or final', () => {
    const e = evaluation({ reviewItems: ['forbidden'] });
    const held = reviewedResult(e.result, e.review, e.reviewItems, false);
    expect(held.score).toBeGreaterThan(e.result.score);
    expect(held.findings.find((f) => f.itemId === 'forbidden')!.outcome).toBe('fail');
    const confirmed = applyReview(
      e,
      { overrides: [{ ruleId: 'forbidden.phrases', outcome: 'fail' }] },
      actor,
    );
    expect(reviewedResult(e.result, confirmed.review, e.reviewItems, false).score).toBe(
      e.result.score,
    );
    expect(reviewedResult(e.result, e.review, e.reviewItems, true).score).toBe(e.result.score);
  });

  it('is the engine result itself when nobody decided anything and nothing is held', () => {
    const e = evaluation();
    expect(reviewedResult(e.result, e.review, [], false)).toBe(e.result);
  });
});

describe(decisionRows.name, () => {
  it('gives one row per finding, an unchanged one as an implicit confirmation', () => {
    const e = evaluation();
    const { review } = applyReview(
      e,
      { overrides: [{ ruleId: 'forbidden.phrases', outcome: 'not_applicable', reason: 'x' }] },
      actor,
    );
    const rows = decisionRows(e.result, review);
    expect(rows).toHaveLength(e.result.findings.length);
    expect(rows.find((r) => r.ruleId === 'forbidden.phrases')).toEqual({
      ruleId: 'forbidden.phrases',
      engineOutcome: 'fail',
      humanOutcome: 'na',
    });
    expect(rows.filter((r) => r.engineOutcome !== r.humanOutcome)).toHaveLength(1);
  });

  it('keys a rule that scores several items by rule and item', () => {
    const f = evaluation().result.findings[0];
    const twin = { ...f, itemId: 'twin' };
    expect(decisionRuleId([f, twin], twin)).toBe(`${f.ruleId}:twin`);
    expect(decisionRuleId([f], f)).toBe(f.ruleId);
  });
});

describe(weekOf.name, () => {
  it('answers the Monday (UTC) of the week', () => {
    expect(weekOf(new Date('2026-11-30T23:59:59Z'))).toBe('2026-11-30'); // a Monday
    expect(weekOf(new Date('2026-12-06T12:00:00Z'))).toBe('2026-11-30'); // Sunday
    expect(weekOf(new Date('2026-12-07T00:00:00Z'))).toBe('2026-12-07');
  });
});
