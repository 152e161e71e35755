import { FormEvent, useEffect, useState } from 'react';
import type { Session } from '../../api';
import { todayIn } from '../../ui';
import { AgentMonth, Assignment, coachingApi } from './coaching-api';
import { useCoachingText } from './coaching-i18n';
import { CoachingTabs, percent as pct } from './coaching-tabs';
import { TrainingEffect } from './training-effect';

/** One assignment: the failing evidence, the pass rate before and after, the session. */
function AssignmentCard({
  item,
  canRecord,
  onChange,
}: {
  item: Assignment;
  canRecord: boolean;
  onChange: (a: Assignment) => void;
}) {
  const { t, code, when } = useCoachingText();
  const [notes, setNotes] = useState('');
  const [actions, setActions] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [error, setError] = useState('');
  // A reloaded list drops the pass rate (the list carries none): fetch it again then too.
  const hasRate = item.passRate !== undefined;
  useEffect(() => {
    if (!hasRate) void coachingApi.get(item.id).then(onChange, (e: Error) => setError(e.message));
  }, [item.id, hasRate]);
  const record = async (e: FormEvent) => {
    e.preventDefault();
    setError('');
    try {
      const lines = actions
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
      onChange(
        await coachingApi.session(item.id, {
          expectedVersion: item.version,
          notes,
          actions: lines,
          dueDate,
        }),
      );
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <article className="card coaching-assignment" data-assignment={item.id}>
      <h3>
        {item.agentId} · <code>{item.ruleId}</code> ·{' '}
        <span className="status">{code(item.status)}</span>
      </h3>
      <p>
        {t('openedAt')}: {when(item.openedAt)} · {code(item.origin)}
      </p>
      <h4>{t('evidence')}</h4>
      <ul className="evidence">
        {item.evidence.map((q) => (
          <li key={q.evaluationId}>
            <a href={`#/evaluations/${q.evaluationId}`}>{when(q.callStartedAt)}</a>{' '}
            {q.evidence.map((s, i) => (
              <q key={i}>{s.text}</q>
            ))}
            {q.reason ? (
              <span>
                {' '}
                — {t('reviewerReason')}: {q.reason}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      {item.passRate ? (
        <p className="pass-rate">
          {t('passRate')}: {t('before')} {pct(item.passRate.before)} → {t('after')}{' '}
          {pct(item.passRate.after)}
        </p>
      ) : null}
      <p>
        <a
          className="trend-link"
          href={`#/coaching/trend?agentId=${encodeURIComponent(item.agentId)}&ruleId=${encodeURIComponent(item.ruleId)}`}
        >
          {t('tabTrend')}
        </a>
      </p>
      {item.session ? (
        <div className="session">
          <h4>{t('session')}</h4>
          <p>{item.session.notes}</p>
          <ul>
            {item.session.actions.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
          <p>
            {t('dueDate')}: {item.session.dueDate}
          </p>
        </div>
      ) : canRecord && item.status === 'open' ? (
        <form className="session-form" onSubmit={record}>
          <label>
            {t('notes')}
            <textarea
              name="notes"
              value={notes}
              onChange={(e) => setNotes(e.target.value)}
              required
            />
          </label>
          <label>
            {t('actions')}
            <textarea name="actions" value={actions} onChange={(e) => setActions(e.target.value)} />
          </label>
          <label>
            {t('dueDate')}
            <input
              name="dueDate"
              type="date"
              value={dueDate}
              onChange={(e) => setDueDate(e.target.value)}
              required
            />
          </label>
          <button type="submit">{t('record')}</button>
        </form>
      ) : null}
      {error ? <p className="error">{error}</p> : null}
    </article>
  );
}

/** Leads: the coaching queue; agents: their assignments and this month's appraisal. */
export function CoachingPage({ user }: { user: Session }) {
  const { t, code, timeZone } = useCoachingText();
  const isAgent = user.role === 'agent';
  const [status, setStatus] = useState(isAgent ? '' : 'open');
  const [items, setItems] = useState<Assignment[]>([]);
  const [month, setMonth] = useState<AgentMonth | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    coachingApi.list({ status }).then(
      (p) => setItems(p.items),
      (e: Error) => setError(e.message),
    );
  }, [status]);
  useEffect(() => {
    if (!isAgent) return;
    // This month as the tenant reads it (the browser may sit in another zone).
    const m = todayIn(timeZone).slice(0, 7);
    coachingApi.month(m, user.agentId).then(
      (r) => setMonth(r.items[0] ?? null),
      () => setMonth(null),
    );
  }, [isAgent]);
  const replace = (a: Assignment) => setItems((all) => all.map((x) => (x.id === a.id ? a : x)));
  return (
    <section>
      <CoachingTabs role={user.role} current="tabQueue" />
      <h2>{isAgent ? t('mine') : t('queue')}</h2>
      {isAgent && month ? (
        <div className="card appraisal">
          <h3>{t('appraisal')}</h3>
          <p>
            {t('score')}: <strong>{month.score}</strong> ({month.bandName}
            {month.title ? ` · ${month.title}` : ''}) · {t('planPoints')}: {month.planPoints}/
            {month.maxPlanPoints} · {t('satisfaction')}: {month.satisfactionPoints}
            {month.flagged ? ` · ${t('flagged')}` : ''}
          </p>
        </div>
      ) : null}
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('status')}
          <select name="status" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">—</option>
            {['open', 'session_recorded', 'closed'].map((s) => (
              <option key={s} value={s}>
                {code(s)}
              </option>
            ))}
          </select>
        </label>
      </form>
      {error ? <p className="error">{error}</p> : null}
      {items.length === 0 ? <p>{t('noAssignments')}</p> : null}
      {items.map((a) => (
        <AssignmentCard key={a.id} item={a} canRecord={!isAgent} onChange={replace} />
      ))}
      {isAgent ? null : <TrainingEffect />}
    </section>
  );
}
