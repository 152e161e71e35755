import { useEffect, useState } from 'react';
import { Session } from '../../api';
import { FieldErrors } from '../../components/field-errors';
import { QueueItem, reviewApi } from './review-api';
import { useReviewText } from './review-i18n';

/** My assigned calls, due first; overdue in red. A lead sees the team's and can reassign. */
export function ReviewQueuePage({ user }: { user: Session }) {
  const { t, code, when } = useReviewText();
  const [items, setItems] = useState<QueueItem[]>([]);
  const [to, setTo] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [now, setNow] = useState(() => Date.now());
  const load = async () => {
    try {
      setItems((await reviewApi.queue()).items);
      setNow(Date.now());
    } catch (e) {
      setError(e);
    }
  };
  useEffect(() => void load(), []);
  const reassign = async (item: QueueItem) => {
    setError(null);
    try {
      await reviewApi.reassign(item, to[item.id] ?? '');
    } catch (e) {
      setError(e);
    }
    await load();
  };
  const canReassign = user.role === 'lead' || user.role === 'admin';
  const sorted = [...items].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  return (
    <section data-testid="review-queue-page">
      <h2>{t('queue')}</h2>
      <FieldErrors error={error} />
      <table className="list" data-testid="review-queue">
        <thead>
          <tr>
            <th>{t('dueAt')}</th>
            <th>{t('call')}</th>
            <th>{t('agent')}</th>
            <th>{t('reason')}</th>
            <th>{t('assignee')}</th>
            {canReassign && <th>{t('reassign')}</th>}
          </tr>
        </thead>
        <tbody>
          {sorted.map((q) => {
            const overdue = q.overdue ?? Date.parse(q.dueAt) < now;
            return (
              <tr key={q.id} data-queue={q.id} className={overdue ? 'row-overdue' : ''}>
                <td>
                  {when(q.dueAt)}
                  {overdue && (
                    <span className="overdue" data-testid="overdue">
                      {' '}
                      {t('overdue')}
                    </span>
                  )}
                </td>
                <td>
                  <a href={`#/evaluations/${q.evaluationId}`}>{q.callId}</a>
                </td>
                <td>{q.agentId}</td>
                <td>{q.reasons.map(code).join('、')}</td>
                <td>{q.assignee}</td>
                {canReassign && (
                  <td>
                    <input
                      name="assignee"
                      value={to[q.id] ?? ''}
                      onChange={(e) => setTo({ ...to, [q.id]: e.target.value })}
                    />{' '}
                    <button type="button" onClick={() => void reassign(q)}>
                      {t('reassign')}
                    </button>
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {items.length === 0 && <p>{t('noQueue')}</p>}
    </section>
  );
}
