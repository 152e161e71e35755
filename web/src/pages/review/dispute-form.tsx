import { useState } from 'react';
import { Evaluation } from '../../api';
import { FieldErrors } from '../../components/field-errors';
import { FieldMessage } from '../../components/field-message';
import { DisputeItem, reviewApi } from './review-api';
import { useReviewText } from './review-i18n';

/** The agent's answer to a released evaluation: acknowledge it, or dispute items with a comment. */
export function DisputeForm({
  evaluation,
  onDone,
}: {
  evaluation: Evaluation;
  onDone: () => void;
}) {
  const { t, code, rule } = useReviewText();
  const [picked, setPicked] = useState<Record<string, string | undefined>>({});
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState<string[]>([]);
  const rows = [
    ...evaluation.findings.map((f) => ({
      key: f.itemId,
      ruleId: f.ruleId,
      label: rule(f.ruleId),
      outcome: f.outcome,
    })),
    ...evaluation.manualAnswers.map((a) => ({
      key: a.itemId,
      ruleId: undefined,
      label: a.question,
      outcome: a.outcome,
    })),
  ];
  const act = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      setPicked({});
      onDone();
    } catch (e) {
      setError(e);
    }
  };
  const dispute = () => {
    const chosen = rows.filter((r) => picked[r.key] !== undefined);
    setSent(chosen.map((r) => r.key));
    const items: DisputeItem[] = chosen.map((r) => ({
      ...(r.ruleId ? { ruleId: r.ruleId } : { itemId: r.key }),
      comment: picked[r.key] ?? '',
    }));
    return act(() => reviewApi.dispute(evaluation.id, items));
  };
  return (
    <div className="dispute" data-testid="dispute-form">
      {evaluation.acknowledgedAt ? (
        <p className="ok">{t('acknowledged')}</p>
      ) : (
        <button
          type="button"
          data-testid="acknowledge"
          onClick={() => void act(() => reviewApi.acknowledge(evaluation.id))}
        >
          {t('acknowledge')}
        </button>
      )}
      <h3>{t('dispute')}</h3>
      <p className="muted">{t('disputeHint')}</p>
      <table className="list">
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-dispute-rule={r.ruleId ?? r.key}>
              <td>
                <label className="inline">
                  <input
                    type="checkbox"
                    checked={picked[r.key] !== undefined}
                    onChange={(e) => {
                      const next = { ...picked };
                      if (e.target.checked) next[r.key] = '';
                      else delete next[r.key];
                      setPicked(next);
                    }}
                  />
                  {r.label}
                </label>
              </td>
              <td className={r.outcome}>{code(r.outcome)}</td>
              <td>
                <input
                  name="dispute-comment"
                  placeholder={t('comment')}
                  disabled={picked[r.key] === undefined}
                  value={picked[r.key] ?? ''}
                  onChange={(e) => setPicked({ ...picked, [r.key]: e.target.value })}
                />
                <FieldMessage
                  error={error}
                  prefix={sent.includes(r.key) ? `items.${sent.indexOf(r.key)}` : undefined}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <FieldErrors error={error} />
      <button type="button" data-testid="submit-dispute" onClick={() => void dispute()}>
        {t('submitDispute')}
      </button>
    </div>
  );
}
