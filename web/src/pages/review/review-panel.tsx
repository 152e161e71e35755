import { useEffect, useState } from 'react';
import { call, Evaluation, session } from '../../api';
import { FieldErrors } from '../../components/field-errors';
import { DecisionForm } from './decision-form';
import { DisputeForm } from './dispute-form';
import { HistoryTimeline } from './history-timeline';
import { Dispute, HistoryEntry, reviewApi } from './review-api';
import { useReviewText } from './review-i18n';
import { ReviewForm } from './review-form';

interface ScorecardView {
  definition: { items: { id: string; kind: string; name?: string; question?: string }[] };
}

/** A dispute is open from its 'disputed' entry until a 'dispute_decided' with the same id. */
function openDisputeId(history: HistoryEntry[]): string | undefined {
  const decided = new Set(
    history.filter((h) => h.action === 'dispute_decided').map((h) => h.disputeId),
  );
  return history.find((h) => h.action === 'disputed' && !decided.has(h.disputeId))?.disputeId;
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
  const { t, code, grade } = useReviewText();
  const role = session.get()?.role ?? '';
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const [itemNames, setItemNames] = useState<Record<string, string>>({});
  const [dispute, setDispute] = useState<Dispute | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [stale, setStale] = useState(false);

  const loadHistory = async () => {
    const items = await reviewApi
      .history(evaluation.id)
      .then((h) => h.items)
      .catch(() => []);
    setHistory(items);
    const open = openDisputeId(items);
    if (!open || (role !== 'lead' && role !== 'admin')) return setDispute(null);
    // The history names the open dispute; its items come from the disputes list.
    const page = await reviewApi.disputes({ status: 'open' }).catch(() => ({ items: [] }));
    setDispute(page.items.find((d) => d.id === open) ?? null);
  };
  useEffect(
    () => void loadHistory(),
    [evaluation.id, evaluation.version, evaluation.releasedAt, evaluation.acknowledgedAt],
  );
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
  const disputeOpen = openDisputeId(history) !== undefined;
  const refresh = () => void reload().then(loadHistory);

  return (
    <section className="review" data-testid="review">
      <h2>{t('review')}</h2>
      <dl className="facts">
        <dt>{t('status')}</dt>
        <dd data-testid="review-status" data-status={evaluation.status}>
          {code(evaluation.status)}
          {evaluation.releasedAt && <span className="tag"> · {t('released')}</span>}
          {evaluation.acknowledgedAt && <span className="tag"> · {t('acknowledged')}</span>}
          {disputeOpen && (
            <span className="tag" data-testid="dispute-open">
              {' '}
              · {t('disputeOpen')}
            </span>
          )}
        </dd>
        <dt>{t('evalVersion')}</dt>
        <dd data-testid="eval-version">{evaluation.version}</dd>
        <dt>{t('autoScore')}</dt>
        <dd data-testid="auto-score">
          {evaluation.autoScore} · {grade(evaluation.autoGrade)}
        </dd>
        <dt>{t('reviewedScore')}</dt>
        <dd data-testid="reviewed-score">
          {evaluation.status === 'auto' ? '—' : `${evaluation.score} · ${grade(evaluation.grade)}`}
        </dd>
        {evaluation.finalizedBy && (
          <>
            <dt>{t('final')}</dt>
            <dd>{evaluation.finalizedBy}</dd>
          </>
        )}
        {evaluation.reviewComment && (
          <>
            <dt>{t('comment')}</dt>
            <dd>{evaluation.reviewComment}</dd>
          </>
        )}
      </dl>
      <FieldErrors error={error} />
      {stale && (
        <p className="error" role="alert" data-testid="stale">
          {t('stale')}
        </p>
      )}
      {(role === 'qa' || role === 'admin') && !final && (
        <ReviewForm
          evaluation={evaluation}
          itemNames={itemNames}
          onSaved={(ev) => {
            setStale(false);
            onChange(ev);
            void loadHistory();
          }}
          onStale={() => {
            setStale(true);
            void reload();
          }}
        />
      )}
      {role !== 'agent' && role !== 'ops' && final && !evaluation.releasedAt && (
        <button
          type="button"
          data-testid="release"
          onClick={() => void act(() => reviewApi.release(evaluation.id))}
        >
          {t('release')}
        </button>
      )}
      {role === 'agent' && evaluation.releasedAt && !disputeOpen && (
        <DisputeForm evaluation={evaluation} onDone={refresh} />
      )}
      {dispute && <DecisionForm evaluation={evaluation} dispute={dispute} onDone={refresh} />}
      <HistoryTimeline items={history} names={itemNames} />
    </section>
  );
}
