import { FormEvent, lazy, Suspense, useEffect, useState } from 'react';
import { complaintsApi, Ticket } from './complaints-api';
import { useComplaintsText } from './complaints-i18n';
import { Countdown, useNow } from './countdown';

// ECharts is large: loaded with the statistics, not with the dashboard.
const ComplaintStats = lazy(() =>
  import('./complaint-stats').then((m) => ({ default: m.ComplaintStats })),
);

const STATUSES = [
  'open',
  'accepted',
  'investigating',
  'solution_proposed',
  'resolved',
  'callback_scheduled',
  'callback_done',
  'closed',
  'reopened',
  'escalated',
];

/** The team lead's board: most urgent first, live SLA countdowns, overdue in red. */
export function ComplaintsBoardPage() {
  const { t, code, when } = useComplaintsText();
  const now = useNow();
  const [filters, setFilters] = useState<Record<string, string>>({});
  const [items, setItems] = useState<Ticket[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState('');

  const load = async (more: boolean) => {
    setError('');
    try {
      const page = await complaintsApi.list({ ...filters, ...(more && cursor ? { cursor } : {}) });
      setItems(more ? [...items, ...page.items] : page.items);
      setCursor(page.nextCursor);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  useEffect(() => {
    void load(false);
    // Deadlines move when others work the tickets: refresh the board every 30 s.
    const timer = setInterval(() => void load(false), 30_000);
    return () => clearInterval(timer);
  }, [filters.status, filters.overdue]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void load(false);
  };
  const set = (k: string, v: string) => setFilters({ ...filters, [k]: v });

  return (
    <section>
      <h2>{t('board')}</h2>
      <form className="filters" onSubmit={submit}>
        <label>
          {t('status')}
          <select
            name="status"
            value={filters.status ?? ''}
            onChange={(e) => set('status', e.target.value)}
          >
            <option value="" />
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {code(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('category')}
          <input
            name="category"
            value={filters.category ?? ''}
            onChange={(e) => set('category', e.target.value)}
          />
        </label>
        <label>
          {t('assignee')}
          <input
            name="assignee"
            value={filters.assignee ?? ''}
            onChange={(e) => set('assignee', e.target.value)}
          />
        </label>
        <label className="inline">
          <input
            type="checkbox"
            name="overdue"
            checked={filters.overdue === 'true'}
            onChange={(e) => set('overdue', e.target.checked ? 'true' : '')}
          />
          {t('onlyOverdue')}
        </label>
        <button type="submit">{t('filter')}</button>
      </form>
      {error && <p className="error">{error}</p>}
      <table className="list" data-testid="tickets">
        <thead>
          <tr>
            <th>{t('timeLeft')}</th>
            <th>{t('status')}</th>
            <th>{t('category')}</th>
            <th>{t('severity')}</th>
            <th>{t('customer')}</th>
            <th>{t('assignee')}</th>
            <th>{t('openedAt')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((tk) => (
            <tr key={tk.id} className={tk.sla.overdue ? 'row-overdue' : ''} data-ticket={tk.id}>
              <td>
                {tk.sla.paused ? (
                  <span className="muted">{t('paused')}</span>
                ) : (
                  <Countdown due={tk.sla.nextDueAt} now={now} overdue={tk.sla.overdue} />
                )}
              </td>
              <td>
                <a href={`#/complaints/${tk.id}`}>{code(tk.status)}</a>
                {tk.repeatOf && <span className="tag"> {t('repeat')}</span>}
              </td>
              <td>{tk.category}</td>
              <td>{code(tk.severity)}</td>
              <td>{tk.customer.id ?? tk.customer.phone}</td>
              <td>{tk.assignee ?? ''}</td>
              <td>{when(tk.openedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {items.length === 0 && <p>{t('noTickets')}</p>}
      {cursor && (
        <button type="button" onClick={() => void load(true)}>
          {t('more')}
        </button>
      )}
      <Suspense fallback={null}>
        <ComplaintStats />
      </Suspense>
    </section>
  );
}
