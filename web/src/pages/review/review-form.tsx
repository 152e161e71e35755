import { useState } from 'react';
import { ApiError, Evaluation } from '../../api';
import { FieldErrors } from '../../components/field-errors';
import type { Outcome } from '../../../../libs/qa-rules/src';
import { FieldMessage } from '../../components/field-message';
import { OutcomeSelect, OUTCOMES } from './outcome-select';
import { Answer, Override, reviewApi } from './review-api';
import { useReviewText } from './review-i18n';

interface Props {
  evaluation: Evaluation;
  /** Manual item id → its question or name, from the scorecard version that scored the call. */
  itemNames: Record<string, string>;
  onSaved: (ev: Evaluation) => void;
  /** A 409: someone else changed or finalized it; the page reloads, this form keeps the draft. */
  onStale: () => void;
}

/** QA's review: confirm or override each automatic finding, answer manual items, finalize. */
export function ReviewForm({ evaluation, itemNames, onSaved, onStale }: Props) {
  const { t, code, rule } = useReviewText();
  const [choice, setChoice] = useState<Record<string, string>>({});
  const [reason, setReason] = useState<Record<string, string>>({});
  const [answers, setAnswers] = useState<Record<string, { outcome: string; comment: string }>>({});
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // Which request index each rule and item went out at, to put field errors by their row.
  const [sent, setSent] = useState<{ overrides: string[]; answers: string[] }>({
    overrides: [],
    answers: [],
  });

  const manual = [
    ...evaluation.manualAnswers.map((a) => ({
      itemId: a.itemId,
      name: a.question,
      current: a.outcome,
    })),
    ...evaluation.pendingManualItems.map((itemId) => ({
      itemId,
      name: itemNames[itemId] ?? itemId,
      current: null,
    })),
  ];

  const submit = async (finalize: boolean) => {
    // A confirmation keeps the current outcome; only a change needs a reason (the API says so).
    const overrides: Override[] = evaluation.findings
      .filter((f) => choice[f.itemId])
      .map((f) => ({
        ruleId: f.ruleId,
        itemId: f.itemId,
        outcome: (choice[f.itemId] === 'confirm' ? f.outcome : choice[f.itemId]) as Outcome,
        ...(reason[f.itemId] ? { reason: reason[f.itemId] } : {}),
      }));
    const answered: Answer[] = manual
      .filter((m) => answers[m.itemId]?.outcome)
      .map((m) => ({
        itemId: m.itemId,
        outcome: answers[m.itemId].outcome as Outcome,
        ...(answers[m.itemId].comment ? { comment: answers[m.itemId].comment } : {}),
      }));
    setSent({
      overrides: overrides.map((o) => o.itemId ?? o.ruleId),
      answers: answered.map((a) => a.itemId),
    });
    setError(null);
    setBusy(true);
    try {
      const ev = await reviewApi.review(evaluation.id, {
        expectedVersion: evaluation.version,
        ...(overrides.length ? { overrides } : {}),
        ...(answered.length ? { answers: answered } : {}),
        ...(comment ? { comment } : {}),
        ...(finalize ? { finalize: true } : {}),
      });
      setChoice({});
      setReason({});
      setAnswers({});
      setComment('');
      onSaved(ev);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) onStale();
      else setError(e);
    } finally {
      setBusy(false);
    }
  };
  const at = (list: string[], key: string, field: string) => {
    const i = list.indexOf(key);
    return i === -1 ? undefined : `${field}.${i}`;
  };

  return (
    <form className="review-form" data-testid="review-form" onSubmit={(e) => e.preventDefault()}>
      <FieldMessage error={error} prefix="overrides" exact />
      <table className="list">
        <thead>
          <tr>
            <th>{t('finding')}</th>
            <th>{t('engine')}</th>
            <th>{t('decision')}</th>
            <th>{t('reason')}</th>
          </tr>
        </thead>
        <tbody>
          {evaluation.findings.map((f) => (
            <tr key={f.itemId} data-review-rule={f.ruleId}>
              <td>
                {rule(f.ruleId)}
                {f.needsHumanReview && <span className="tag"> {t('needsReview')}</span>}
                {f.heldForReview && <span className="tag"> {t('held')}</span>}
              </td>
              <td className={f.outcome}>
                {code(f.outcome)}
                {f.outcome !== f.automaticOutcome && (
                  <span className="muted">
                    {' '}
                    ({t('engine')}: {code(f.automaticOutcome)})
                  </span>
                )}
              </td>
              <td>
                <select
                  name="decision"
                  value={choice[f.itemId] ?? ''}
                  onChange={(e) => setChoice({ ...choice, [f.itemId]: e.target.value })}
                >
                  <option value="">{t('untouched')}</option>
                  <option value="confirm">{t('confirm')}</option>
                  {OUTCOMES.filter((o) => o !== f.outcome).map((o) => (
                    <option key={o} value={o}>
                      {t('overrideTo')} {code(o)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <input
                  name="reason"
                  value={reason[f.itemId] ?? f.overrideReason ?? ''}
                  disabled={!choice[f.itemId]}
                  onChange={(e) => setReason({ ...reason, [f.itemId]: e.target.value })}
                />
                <FieldMessage error={error} prefix={at(sent.overrides, f.itemId, 'overrides')} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {manual.length > 0 && (
        <>
          <h3>{t('manualItems')}</h3>
          <FieldMessage error={error} prefix="answers" exact />
          <table className="list">
            <tbody>
              {manual.map((m) => (
                <tr key={m.itemId} data-review-item={m.itemId}>
                  <td>{m.name}</td>
                  <td className={m.current ?? ''}>{code(m.current)}</td>
                  <td>
                    <OutcomeSelect
                      name="answer"
                      value={answers[m.itemId]?.outcome ?? ''}
                      onChange={(v) =>
                        setAnswers({
                          ...answers,
                          [m.itemId]: { comment: answers[m.itemId]?.comment ?? '', outcome: v },
                        })
                      }
                    />
                  </td>
                  <td>
                    <input
                      name="answer-comment"
                      placeholder={t('comment')}
                      value={answers[m.itemId]?.comment ?? ''}
                      onChange={(e) =>
                        setAnswers({
                          ...answers,
                          [m.itemId]: {
                            outcome: answers[m.itemId]?.outcome ?? '',
                            comment: e.target.value,
                          },
                        })
                      }
                    />
                    <FieldMessage error={error} prefix={at(sent.answers, m.itemId, 'answers')} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <label className="comment">
        {t('comment')}
        <textarea name="comment" value={comment} onChange={(e) => setComment(e.target.value)} />
        <FieldMessage error={error} prefix="comment" />
      </label>
      <FieldErrors error={error} />
      <div className="moves">
        <button type="button" disabled={busy} onClick={() => void submit(false)} data-testid="save">
          {t('save')}
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() => void submit(true)}
          data-testid="finalize"
        >
          {t('finalize')}
        </button>
      </div>
    </form>
  );
}
