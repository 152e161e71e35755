import { useState } from 'react';
import { Evaluation } from '../../api';
import { FieldErrors } from '../../components/field-errors';
import type { Outcome } from '../../../../libs/qa-rules/src';
import { FieldMessage } from '../../components/field-message';
import { OutcomeSelect } from './outcome-select';
import { DecisionKind, Dispute, reviewApi } from './review-api';
import { useReviewText } from './review-i18n';

const DECISIONS: DecisionKind[] = ['upheld', 'partly_accepted', 'amended'];

/**
 * The lead's decision on an open dispute: uphold it, partly accept it (new outcomes for disputed
 * items) or amend the evaluation (any item).
 */
export function DecisionForm({
  evaluation,
  dispute,
  onDone,
}: {
  evaluation: Evaluation;
  dispute: Dispute;
  onDone: () => void;
}) {
  const { t, code, rule } = useReviewText();
  const [decision, setDecision] = useState<DecisionKind>('upheld');
  const [outcomes, setOutcomes] = useState<Record<string, string>>({});
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>(null);
  const all = [
    ...evaluation.findings.map((f) => ({
      itemId: f.itemId,
      ruleId: f.ruleId as string | undefined,
      label: rule(f.ruleId),
      outcome: f.outcome,
    })),
    ...evaluation.manualAnswers.map((a) => ({
      itemId: a.itemId,
      ruleId: undefined,
      label: a.question,
      outcome: a.outcome,
    })),
  ];
  const disputed = new Map(dispute.items.map((i) => [i.itemId, i.comment]));
  const rows = decision === 'amended' ? all : all.filter((r) => disputed.has(r.itemId));

  const decide = async () => {
    setError(null);
    const items =
      decision === 'upheld'
        ? undefined
        : rows
            .filter((r) => outcomes[r.itemId])
            .map((r) => ({
              ...(r.ruleId ? { ruleId: r.ruleId } : {}),
              itemId: r.itemId,
              outcome: outcomes[r.itemId] as Outcome,
            }));
    try {
      await reviewApi.decide(dispute.id, { decision, ...(items ? { items } : {}), comment });
      onDone();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <div className="decision" data-testid="decision-form">
      <h3>{t('decide')}</h3>
      <div className="moves">
        {DECISIONS.map((d) => (
          <label key={d} className="inline">
            <input
              type="radio"
              name="decision"
              value={d}
              checked={decision === d}
              onChange={() => setDecision(d)}
            />
            {t(d)}
          </label>
        ))}
      </div>
      <table className="list">
        <tbody>
          {rows.map((r) => (
            <tr key={r.itemId} data-disputed={r.ruleId ?? r.itemId}>
              <td>{r.label}</td>
              <td className={r.outcome}>{code(r.outcome)}</td>
              <td>{disputed.has(r.itemId) ? `「${disputed.get(r.itemId)}」` : ''}</td>
              <td>
                {decision !== 'upheld' && (
                  <OutcomeSelect
                    name="new-outcome"
                    value={outcomes[r.itemId] ?? ''}
                    empty={t('newOutcome')}
                    onChange={(v) => setOutcomes({ ...outcomes, [r.itemId]: v })}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <label className="comment">
        {t('comment')}
        <textarea
          name="decision-comment"
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
        <FieldMessage error={error} prefix="comment" />
      </label>
      <FieldMessage error={error} prefix="items" />
      <FieldErrors error={error} />
      <button type="button" data-testid="submit-decision" onClick={() => void decide()}>
        {t('submitDecision')}
      </button>
    </div>
  );
}
