import { useState } from 'react';
import { Evaluation } from '../../api';
import { FieldErrors } from '../../components/field-errors';
import type { Outcome } from '../../../../libs/qa-rules/src/types/outcome.types';
import { FieldMessage } from './field-error';
import { OutcomeSelect } from './outcome-select';
import { DecisionKind, Dispute, reviewApi } from './review-api';
import { useReviewText } from './review-i18n';

const DECISIONS: DecisionKind[] = ['upheld', 'partly_accepted', 'amended'];

/** The lead's decision on an open dispute: uphold, partly accept or amend, item by item. */
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
  const current = (key: string) =>
    evaluation.findings.find((f) => f.ruleId === key)?.outcome ??
    evaluation.manualAnswers?.find((a) => a.itemId === key)?.outcome;
  const decide = async () => {
    setError(null);
    const items =
      decision === 'upheld'
        ? undefined
        : dispute.items
            .filter((i) => outcomes[i.ruleId ?? i.itemId ?? ''])
            .map((i) => ({
              ...(i.ruleId ? { ruleId: i.ruleId } : { itemId: i.itemId }),
              outcome: outcomes[i.ruleId ?? i.itemId ?? ''] as Outcome,
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
      <table className="list">
        <tbody>
          {dispute.items.map((i) => {
            const key = i.ruleId ?? i.itemId ?? '';
            return (
              <tr key={key} data-disputed={key}>
                <td>{i.ruleId ? rule(i.ruleId) : i.itemId}</td>
                <td>{code(current(key))}</td>
                <td>「{i.comment}」</td>
                <td>
                  {decision !== 'upheld' && (
                    <OutcomeSelect
                      name="new-outcome"
                      value={outcomes[key] ?? ''}
                      empty={t('newOutcome')}
                      onChange={(v) => setOutcomes({ ...outcomes, [key]: v })}
                    />
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
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
