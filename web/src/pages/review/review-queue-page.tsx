import { FormEvent, useEffect, useState } from 'react';
import { Session } from '../../api';
import { FieldErrors } from '../../components/field-errors';
import { QueueItem, reviewApi } from './review-api';
import { useReviewText } from './review-i18n';

/** My assigned calls, due first, overdue in red. A lead sees anyone's queue and can reassign. */
export function ReviewQueuePage({ user }: { user: Session }) {
  const { t, code, grade, list, when } = useReviewText();
  const lead = user.role === 'lead' || user.role === 'admin';
  const [assignee, setAssignee] = useState('');
  const [items, setItems] = useState<QueueItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [to, setTo] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const load = async (more = false) => {
    setError(null);
    try {
      const page = await reviewApi.queue({
        ...(assignee ? { assignee } : {}),
        ...(more && cursor ? { cursor } : {}),
      });
      setItems(more ? [...items, ...page.items] : page.items);
      setCursor(page.nextCursor);
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
  const filter = (e: FormEvent) => {
    e.preventDefault();
    void load();
  };
  return (
    <section data-testid="review-queue-page">
      <h2>{t('queue')}</h2>
      {lead && (
        <form className="filters" onSubmit={filter}>
          <label>
            {t('assignee')}
            <input name="assignee" value={assignee} onChange={(e) => setAssignee(e.target.value)} />
          </label>
          <button type="submit">{t('filter')}</button>
        </form>
      )}
      <FieldErrors error={error} />
      <table className="list" data-testid="review-queue">
        <thead>
          <tr>
            <th>{t('dueAt')}</th>
            <th>{t('call')}</th>
            <th>{t('agent')}</th>
            <th>{t('score')}</th>
            <th>{t('status')}</th>
            <th>{t('reason')}</th>
            <th>{t('assignee')}</th>
            {lead && <th>{t('reassign')}</th>}
          </tr>
        </thead>
        <tbody>
          {items.map((q) => (
            <tr key={q.id} data-queue={q.id} className={q.overdue ? 'row-overdue' : ''}>
              <td>
                {when(q.dueAt)}
                {q.overdue && (
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
              <td className="num">
                {q.score} · {grade(q.grade)}
              </td>
              <td>{code(q.evaluationStatus)}</td>
              <td>{list(q.reasons.map(code))}</td>
              <td data-testid="assignee">{q.assignee}</td>
              {lead && (
                <td>
                  <input
                    name="reassign-to"
                    value={to[q.id] ?? ''}
                    onChange={(e) => setTo({ ...to, [q.id]: e.target.value })}
                  />{' '}
                  <button type="button" onClick={() => void reassign(q)}>
                    {t('reassign')}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {items.length === 0 && <p>{t('noQueue')}</p>}
      {cursor && (
        <button type="button" onClick={() => void load(true)}>
          {t('more')}
        </button>
      )}
    </section>
  );
}
