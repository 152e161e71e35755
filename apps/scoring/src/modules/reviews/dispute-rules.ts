import type { FieldError } from '@qa/platform';
import type { Outcome } from '@qa/qa-rules';
import type { ReviewDecision, ReviewState } from '../evaluations/entities/evaluation.entity';
import type { HistoryChange } from '../evaluations/entities/evaluation-history.entity';
import { Actor, ItemRef, outcomeNow, resolveItem, ReviewedEvaluation } from './review-rules';

export type DisputeDecision = 'upheld' | 'partly_accepted' | 'amended';

export interface DisputeItemInput extends ItemRef {
  comment: string;
}

export interface DecisionItemInput extends ItemRef {
  outcome: Outcome;
  comment?: string;
}

export interface DisputeSettings {
  disputeWindowDays: number;
  maxDisputes: number;
}

export const DEFAULT_DISPUTE_SETTINGS: DisputeSettings = { disputeWindowDays: 7, maxDisputes: 1 };

const DAY_MS = 86_400_000;

/** Until when an agent may dispute an evaluation released at `releasedAt`. */
export const disputeDeadline = (releasedAt: Date, days: number): Date =>
  new Date(releasedAt.getTime() + days * DAY_MS);

/** Why a new dispute is refused, or null: the window has closed, or the disputes are used up. */
export function disputeRefusal(
  now: Date,
  releasedAt: Date,
  settings: DisputeSettings,
  disputesSoFar: number,
): { code: 'window' | 'limit'; message: string } | null {
  const deadline = disputeDeadline(releasedAt, settings.disputeWindowDays);
  if (now.getTime() > deadline.getTime())
    return {
      code: 'window',
      message: `the dispute window of ${settings.disputeWindowDays} day(s) closed at ${deadline.toISOString()}`,
    };
  if (disputesSoFar >= settings.maxDisputes)
    return {
      code: 'limit',
      message: `an evaluation may be disputed at most ${settings.maxDisputes} time(s); it has been ${disputesSoFar}`,
    };
  return null;
}

/** The items a dispute names, resolved to item ids; every unknown one is a field error. */
export function resolveDisputeItems(
  e: ReviewedEvaluation,
  items: readonly DisputeItemInput[],
): { items: { ruleId?: string; itemId: string; comment: string }[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const out: { ruleId?: string; itemId: string; comment: string }[] = [];
  const seen = new Set<string>();
  items.forEach((it, i) => {
    const ref = resolveItem(e, it);
    if (typeof ref === 'string') return errors.push({ path: `items.${i}`, message: ref });
    if (seen.has(ref.itemId))
      return errors.push({ path: `items.${i}`, message: `item ${ref.itemId} is named twice` });
    seen.add(ref.itemId);
    out.push({ ...ref, comment: it.comment.trim() });
  });
  return { items: out, errors };
}

/**
 * A lead's decision on a dispute applied to the evaluation: upheld changes nothing;
 * partly_accepted changes some of the disputed items; amended may change any item.
 */
export function applyDecision(
  e: ReviewedEvaluation,
  decision: DisputeDecision,
  items: readonly DecisionItemInput[],
  disputed: ReadonlySet<string>,
  reason: string,
  actor: Actor,
): { review: ReviewState; changes: HistoryChange[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  if (decision === 'upheld' && items.length > 0)
    errors.push({ path: 'items', message: 'an upheld dispute changes no item' });
  if (decision !== 'upheld' && items.length === 0)
    errors.push({ path: 'items', message: `${decision} names the items it changes` });
  const decisions: Record<string, ReviewDecision> = { ...e.review.decisions };
  const changes: HistoryChange[] = [];
  const seen = new Set<string>();
  items.forEach((it, i) => {
    const ref = resolveItem(e, it);
    if (typeof ref === 'string') return errors.push({ path: `items.${i}`, message: ref });
    if (decision === 'partly_accepted' && !disputed.has(ref.itemId))
      return errors.push({
        path: `items.${i}`,
        message: `item ${ref.itemId} was not disputed (amend to change it)`,
      });
    if (seen.has(ref.itemId))
      return errors.push({ path: `items.${i}`, message: `item ${ref.itemId} is named twice` });
    seen.add(ref.itemId);
    changes.push({ ...ref, before: outcomeNow(e, ref.itemId), after: it.outcome });
    decisions[ref.itemId] = {
      ...ref,
      outcome: it.outcome,
      reason: it.comment?.trim() || reason,
      ...actor,
    };
  });
  return { review: { ...e.review, decisions }, changes, errors };
}
