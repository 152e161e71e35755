import { useEffect, useState } from 'react';
import { call, Evaluation, session } from '../../api';
import { FieldErrors } from '../../components/field-errors';
import { DecisionForm } from './decision-form';
import { DisputeForm } from './dispute-form';
import { HistoryTimeline } from './history-timeline';
import { HistoryEntry, reviewApi } from './review-api';
import { useReviewText } from './review-i18n';
import { ReviewForm } from './review-form';

interface ScorecardView {
  definition: { items: { id: string; kind: string; name?: string; question?: string }[] };
}

/**
 * The human side of one evaluation, below the evidence: status and scores, QA's review form,
 * release, the agent's acknowledge/dispute, the lead's decision and the history timeline.
 */
export function ReviewPanel({
  evaluation,
  onChange,
  reload,
}: {
  evaluation: Evaluation;
  onChange: (ev: Evaluation) => void;
  reload: () => Promise<void>;
}) {
  const { t, code } = useReviewText();
  const role = session.get()?.role ?? '';
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const [itemNames, setItemNames] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);

  const loadHistory = () =>
    reviewApi
      .history(evaluation.id)
      .then((h) => setHistory(h.items))
      .catch(() => setHistory([]));
  useEffect(() => void loadHistory(), [evaluation.id, evaluation.version, evaluation.status]);
  useEffect(() => {
    if (role === 'agent') return;
    const { scorecardId: key, scorecardVersion: v } = evaluation;
    call<ScorecardView>(`/api/v1/scorecards/${encodeURIComponent(key)}/versions/${v}`)
      .then((s) =>
        setItemNames(
          Object.fromEntries(
            s.definition.items
              .filter((i) => i.kind === 'manual')
              .map((i) => [i.id, i.name ?? i.question ?? i.id]),
          ),
        ),
      )
      .catch(() => setItemNames({}));
  }, [evaluation.scorecardId, evaluation.scorecardVersion]);

  const act = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(e);
    }
    await reload();
  };
  const final = evaluation.status === 'final';
  const openDispute = evaluation.disputes?.find((d) => d.status === 'open');

  return (
    <section className="review" data-testid="review">
      <h2>{t('review')}</h2>
      <dl className="facts">
        <dt>{t('status')}</dt>
        <dd data-testid="review-status" data-status={evaluation.status}>
          {code(evaluation.status)}
          {evaluation.releasedAt && <span className="tag"> · {t('released')}</span>}
          {openDispute && <span className="tag"> · {t('disputeOpen')}</span>}
        </dd>
        <dt>{t('evalVersion')}</dt>
        <dd data-testid="eval-version">{evaluation.version ?? '—'}</dd>
        <dt>{t('autoScore')}</dt>
        <dd data-testid="auto-score">{evaluation.autoScore ?? evaluation.score}</dd>
        <dt>{t('reviewedScore')}</dt>
        <dd data-testid="reviewed-score">
          {evaluation.status === 'auto' ? '—' : evaluation.score}
        </dd>
      </dl>
      <FieldErrors error={error} />
      {role === 'qa' && !final && (
        <ReviewForm
          evaluation={evaluation}
          itemNames={itemNames}
          onSaved={(ev) => {
            onChange(ev);
            void loadHistory();
          }}
          onStale={() => void reload()}
        />
      )}
      {(role === 'qa' || role === 'lead') && final && !evaluation.releasedAt && (
        <button
          type="button"
          data-testid="release"
          onClick={() => void act(() => reviewApi.release(evaluation.id))}
        >
          {t('release')}
        </button>
      )}
      {role === 'agent' && evaluation.releasedAt && !openDispute && (
        <DisputeForm evaluation={evaluation} onDone={() => void reload()} />
      )}
      {role === 'lead' && openDispute && (
        <DecisionForm evaluation={evaluation} dispute={openDispute} onDone={() => void reload()} />
      )}
      <HistoryTimeline items={history} />
    </section>
  );
}
