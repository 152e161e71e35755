import { applyDecision, disputeRefusal, resolveDisputeItems } from './dispute-rules';
import { actor, evaluation } from '../../../test/support/review-factory';

const released = new Date('2026-11-01T00:00:00Z');
const settings = { disputeWindowDays: 7, maxDisputes: 1 };

describe(disputeRefusal.name, () => {
  it('lets a first dispute in within the window', () => {
    expect(disputeRefusal(new Date('2026-11-08T00:00:00Z'), released, settings, 0)).toBeNull();
  });

  it('refuses after the window, naming it and when it closed', () => {
    expect(disputeRefusal(new Date('2026-11-08T00:00:01Z'), released, settings, 0)).toEqual({
      code: 'window',
      message: 'the dispute window of 7 day(s) closed at 2026-11-08T00:00:00.000Z',
    });
  });

  it('refuses past the number of disputes allowed', () => {
    expect(disputeRefusal(released, released, settings, 1)?.code).toBe('limit');
    expect(disputeRefusal(released, released, { ...settings, maxDisputes: 2 }, 1)).toBeNull();
  });
});

describe(resolveDisputeItems.name, () => {
  it('resolves findings by rule and manual items by id, naming unknown ones', () => {
    const out = resolveDisputeItems(evaluation(), [
      { ruleId: 'forbidden.phrases', comment: ' a ' },
      { itemId: 'solved-correctly', comment: 'b' },
      { ruleId: 'nope', comment: 'c' },
      { comment: 'd' },
    ]);
    expect(out.items).toEqual([
      { ruleId: 'forbidden.phrases', itemId: 'forbidden', comment: 'a' },
      { itemId: 'solved-correctly', comment: 'b' },
    ]);
    expect(out.errors.map((e) => e.path)).toEqual(['items.2', 'items.3']);
  });
});

describe(applyDecision.name, () => {
  const disputed = new Set(['forbidden']);

  it('upholds without items, and refuses items on an upheld dispute', () => {
    expect(applyDecision(evaluation(), 'upheld', [], disputed, 'stands', actor).changes).toEqual(
      [],
    );
    expect(
      applyDecision(
        evaluation(),
        'upheld',
        [{ ruleId: 'forbidden.phrases', outcome: 'pass' }],
        disputed,
        'x',
        actor,
      ).errors[0].path,
    ).toBe('items');
  });

  it('partly accepts only disputed items; amends any', () => {
    const greeting = { ruleId: 'greeting.opening', outcome: 'fail' as const };
    expect(
      applyDecision(evaluation(), 'partly_accepted', [greeting], disputed, 'x', actor).errors,
    ).toEqual([
      { path: 'items.0', message: 'item greeting was not disputed (amend to change it)' },
    ]);
    const amended = applyDecision(evaluation(), 'amended', [greeting], disputed, 'why', actor);
    expect(amended.errors).toEqual([]);
    expect(amended.changes).toEqual([
      { ruleId: 'greeting.opening', itemId: 'greeting', before: 'pass', after: 'fail' },
    ]);
    expect(amended.review.decisions.greeting).toMatchObject({ outcome: 'fail', reason: 'why' });
  });

  it('needs items for a partly accepted or amended dispute', () => {
    expect(applyDecision(evaluation(), 'amended', [], disputed, 'x', actor).errors[0].path).toBe(
      'items',
    );
  });
});
