import { FormEvent, useEffect, useState } from 'react';
import { api } from '../../api';
import { FieldErrors } from '../../components/field-errors';
import { complaintsApi, TicketDetail } from './complaints-api';
import { useComplaintsText } from './complaints-i18n';
import { Countdown, useNow } from './countdown';

const OUTCOMES = ['reached', 'no_answer', 'refused', 'wrong_number'];

/** One ticket: deadlines, the originating call, moves, assignment, callbacks and history. */
export function TicketPage({ id }: { id: string }) {
  const { t, code, when } = useComplaintsText();
  const now = useNow();
  const [ticket, setTicket] = useState<TicketDetail | null>(null);
  const [evaluationId, setEvaluationId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [reason, setReason] = useState('');
  const [assign, setAssign] = useState<Record<string, string>>({});
  const [cb, setCb] = useState<Record<string, string>>({ outcome: 'reached' });

  const load = async () => {
    try {
      const tk = await complaintsApi.get(id);
      setTicket(tk);
      setAssign({
        assignee: tk.assignee ?? '',
        category: tk.category,
        rootCause: tk.rootCause ?? '',
        department: tk.department ?? '',
      });
      if (tk.evaluationId) setEvaluationId(tk.evaluationId);
      else if (tk.callId)
        setEvaluationId((await api.evaluations({ callId: tk.callId })).items[0]?.id ?? null);
    } catch (e) {
      setError(e);
    }
  };
  useEffect(() => void load(), [id]);
  const act = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      await load();
    } catch (e) {
      setError(e);
      await load();
    }
  };
  if (!ticket) return <FieldErrors error={error} />;

  const move = (to: string) =>
    act(() =>
      complaintsApi
        .transition(id, { to, reason, expectedVersion: ticket.version })
        .then(() => setReason('')),
    );
  const saveAssign = (e: FormEvent) => {
    e.preventDefault();
    void act(() => complaintsApi.patch(id, { ...assign, expectedVersion: ticket.version }));
  };
  const toggleWaiting = () =>
    act(() =>
      complaintsApi.patch(id, {
        waitingOnCustomer: !ticket.sla.paused,
        expectedVersion: ticket.version,
      }),
    );
  const recordCallback = (e: FormEvent) => {
    e.preventDefault();
    void act(() =>
      complaintsApi.callback(id, {
        outcome: cb.outcome,
        ...(cb.satisfaction ? { satisfaction: Number(cb.satisfaction) } : {}),
        ...(cb.notes ? { notes: cb.notes } : {}),
        ...(cb.callId ? { callId: cb.callId } : {}),
      }),
    );
  };
  const deadlines = [
    ['acceptBy', ticket.sla.acceptBy],
    ['replyBy', ticket.sla.replyBy],
    ['callbackBy', ticket.sla.callbackBy],
  ] as const;

  return (
    <section className="ticket" data-testid="ticket">
      <p>
        <a href="#/complaints">{t('backToBoard')}</a>
      </p>
      <h2>
        {ticket.category} · <span data-testid="ticket-status">{code(ticket.status)}</span> ·{' '}
        {code(ticket.severity)}
      </h2>
      <p>{ticket.description}</p>
      <dl className="facts">
        <dt>{t('customer')}</dt>
        <dd>
          {ticket.customer.id ?? ''} {ticket.customer.phone ?? ''}
        </dd>
        <dt>{t('agent')}</dt>
        <dd>
          {ticket.agentId ?? ''} {ticket.teamId ?? ''}
        </dd>
        <dt>{t('openedAt')}</dt>
        <dd>{when(ticket.openedAt)}</dd>
        {ticket.callId && (
          <>
            <dt>{t('originatingCall')}</dt>
            <dd>
              {evaluationId ? (
                <a href={`#/evaluations/${evaluationId}`} data-testid="call-link">
                  {ticket.callId} — {t('openEvaluation')}
                </a>
              ) : (
                ticket.callId
              )}
            </dd>
          </>
        )}
        {ticket.repeatOf && (
          <>
            <dt>{t('repeatOf')}</dt>
            <dd>
              <a href={`#/complaints/${ticket.repeatOf}`}>{ticket.repeatOf.slice(0, 8)}</a>
            </dd>
          </>
        )}
      </dl>

      <h3>{t('deadlines')}</h3>
      <ul className="deadlines">
        {deadlines.map(([k, due]) => (
          <li key={k}>
            {t(k)}: {due ? <Countdown due={due} now={now} /> : '—'}
          </li>
        ))}
        {ticket.sla.paused && <li className="muted">{t('paused')}</li>}
        {ticket.sla.breached.map((b) => (
          <li key={`${b.purpose}${b.dueAt}`} className="overdue">
            {t('breached')}: {t(`${b.purpose}By` as 'acceptBy')} {when(b.dueAt)}
          </li>
        ))}
      </ul>

      <FieldErrors error={error} />

      {ticket.allowedMoves.length > 0 && (
        <div className="moves">
          <h3>{t('move')}</h3>
          <label>
            {t('reason')}{' '}
            <input name="reason" value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          {ticket.allowedMoves.map((to) => (
            <button key={to} type="button" data-move={to} onClick={() => void move(to)}>
              {code(to)}
            </button>
          ))}
          {ticket.status !== 'closed' && (
            <button type="button" onClick={() => void toggleWaiting()} data-testid="waiting">
              {ticket.sla.paused ? t('resume') : t('waiting')}
            </button>
          )}
        </div>
      )}

      <form className="filters" onSubmit={saveAssign} data-testid="assign">
        <strong>{t('assign')}</strong>
        {(['assignee', 'category', 'rootCause', 'department'] as const).map((k) => (
          <label key={k}>
            {t(k)}
            <input
              name={k}
              value={assign[k] ?? ''}
              onChange={(e) => setAssign({ ...assign, [k]: e.target.value })}
            />
          </label>
        ))}
        <button type="submit">{t('save')}</button>
      </form>

      <h3>{t('callbacks')}</h3>
      <table className="list" data-testid="callbacks">
        <thead>
          <tr>
            <th>{t('attempt')}</th>
            <th>{t('at')}</th>
            <th>{t('outcome')}</th>
            <th>{t('satisfaction')}</th>
            <th>{t('onTime')}</th>
            <th>{t('notes')}</th>
            <th>{t('actor')}</th>
          </tr>
        </thead>
        <tbody>
          {ticket.callbacks.map((c) => (
            <tr key={c.id}>
              <td>{c.attempt}</td>
              <td>{when(c.at)}</td>
              <td>{code(c.outcome)}</td>
              <td>{c.satisfaction ?? '—'}</td>
              <td>{c.onTime ? t('yes') : t('no')}</td>
              <td>{c.notes}</td>
              <td>{c.by}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {(ticket.status === 'callback_scheduled' || ticket.status === 'escalated') && (
        <form className="filters" onSubmit={recordCallback} data-testid="callback-form">
          <strong>{t('recordCallback')}</strong>
          <label>
            {t('outcome')}
            <select
              name="outcome"
              value={cb.outcome}
              onChange={(e) => setCb({ ...cb, outcome: e.target.value })}
            >
              {OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {code(o)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('satisfaction')}
            <select
              name="satisfaction"
              value={cb.satisfaction ?? ''}
              onChange={(e) => setCb({ ...cb, satisfaction: e.target.value })}
            >
              <option value="" />
              {[1, 2, 3, 4, 5].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('notes')}
            <input
              name="notes"
              value={cb.notes ?? ''}
              onChange={(e) => setCb({ ...cb, notes: e.target.value })}
            />
          </label>
          <label>
            {t('callId')}
            <input
              name="callId"
              value={cb.callId ?? ''}
              onChange={(e) => setCb({ ...cb, callId: e.target.value })}
            />
          </label>
          <button type="submit">{t('record')}</button>
        </form>
      )}

      <h3>{t('history')}</h3>
      <table className="list" data-testid="history">
        <thead>
          <tr>
            <th>{t('at')}</th>
            <th>{t('actor')}</th>
            <th>{t('change')}</th>
            <th>{t('reason')}</th>
          </tr>
        </thead>
        <tbody>
          {ticket.history.map((h, i) => (
            <tr key={i}>
              <td>{when(h.at)}</td>
              <td>{h.by}</td>
              <td>
                {h.from ? `${code(h.from)} → ` : ''}
                {code(h.to)}
              </td>
              <td>{h.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
