import { FormEvent, useEffect, useState } from 'react';
import type { Session } from '../../api';
import { ErrorMessage } from '../../components/field-errors';
import { FieldMessage } from '../../components/field-message';
import { todayIn } from '../../ui';
import { coachingApi, Goal, Plan } from './coaching-api';
import { useCoachingText } from './coaching-i18n';
import { CoachingTabs, hashQuery } from './coaching-tabs';

interface Row {
  text: string;
  points: string;
  done: boolean;
}

const EMPTY: Row = { text: '', points: '', done: false };
const rowsOf = (goals: Goal[]): Row[] =>
  [0, 1, 2].map((i) =>
    goals[i] ? { ...goals[i], points: String(goals[i].points) } : { ...EMPTY },
  );

/**
 * The daily plan (TO计划, seed 002): three goals a day, worth at most 3 points in all. Agents
 * enter their own, leads any agent's; what the server refuses is shown by the field it names.
 */
export function PlansPage({ user }: { user: Session }) {
  const { t, timeZone } = useCoachingText();
  const isAgent = user.role === 'agent';
  const [agentId, setAgentId] = useState(
    isAgent ? (user.agentId ?? '') : (hashQuery().get('agentId') ?? ''),
  );
  // Today as the tenant reads it, not the browser's zone.
  const [date, setDate] = useState(todayIn(timeZone));
  const [rows, setRows] = useState<Row[]>(rowsOf([]));
  const [month, setMonth] = useState<Plan[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  // Which row each sent goal came from: the server's goals.N is the Nth one sent.
  const [sentRows, setSentRows] = useState<number[]>([]);

  const current = month.find((p) => p.date === date);
  useEffect(() => {
    if (!agentId || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return;
    coachingApi.plans(date.slice(0, 7), agentId).then(
      (r) => setMonth(r.items),
      () => setMonth([]),
    );
  }, [agentId, date.slice(0, 7)]);
  useEffect(() => setRows(rowsOf(current?.goals ?? [])), [current?.date, current?.version]);

  const edit = (i: number, patch: Partial<Row>) => {
    setSaved(false);
    setRows((all) => all.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  };
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setSaved(false);
    const used = rows.map((r, i) => [r, i] as const).filter(([r]) => r.text.trim() !== '');
    setSentRows(used.map(([, i]) => i));
    try {
      const plan = await coachingApi.putPlan(agentId, date, {
        goals: used.map(([r]) => ({ text: r.text.trim(), points: Number(r.points), done: r.done })),
        expectedVersion: current?.version ?? 0,
      });
      setMonth((all) => [...all.filter((p) => p.date !== plan.date), plan]);
      setSaved(true);
    } catch (err) {
      setError(err);
    }
  };
  const rowError = (i: number, field: string) => {
    const n = sentRows.indexOf(i);
    return n === -1 ? undefined : `goals.${n}.${field}`;
  };
  return (
    <section className="coaching-plans">
      <CoachingTabs role={user.role} current="tabPlans" />
      <h2>{t('plansTitle')}</h2>
      <form className="plan-form card" onSubmit={save}>
        <label>
          {t('agent')}
          <input
            name="agentId"
            value={agentId}
            readOnly={isAgent}
            required
            onChange={(e) => setAgentId(e.target.value)}
          />
        </label>
        <label>
          {t('date')}
          <input
            name="date"
            type="date"
            value={date}
            required
            onChange={(e) => {
              setError(null);
              setDate(e.target.value);
            }}
          />
          <FieldMessage error={error} prefix="date" />
        </label>
        <fieldset className="goals">
          <legend>
            {t('goal')} × 3 <FieldMessage error={error} prefix="goals" exact />
          </legend>
          {rows.map((r, i) => (
            <div className="goal-row" key={i} data-goal={i}>
              <input
                name={`goal-${i}-text`}
                aria-label={`${t('goal')} ${i + 1}`}
                value={r.text}
                onChange={(e) => edit(i, { text: e.target.value })}
              />
              <label>
                {t('points')}
                {/* No max here: the server's rule (and its message) decides. */}
                <input
                  name={`goal-${i}-points`}
                  type="number"
                  step="any"
                  inputMode="decimal"
                  value={r.points}
                  onChange={(e) => edit(i, { points: e.target.value })}
                />
              </label>
              <label>
                <input
                  name={`goal-${i}-done`}
                  type="checkbox"
                  checked={r.done}
                  onChange={(e) => edit(i, { done: e.target.checked })}
                />
                {t('done')}
              </label>
              <FieldMessage error={error} prefix={rowError(i, 'points')} />
              <FieldMessage error={error} prefix={rowError(i, 'text')} />
            </div>
          ))}
        </fieldset>
        <button type="submit">{t('save')}</button>
        {saved ? <span className="saved">{t('saved')}</span> : null}
        <ErrorMessage error={error} />
      </form>
      <h3>{t('monthPlans')}</h3>
      <table className="list month-plans">
        <thead>
          <tr>
            <th>{t('date')}</th>
            <th>{t('goal')}</th>
            <th>{t('dayPoints')}</th>
          </tr>
        </thead>
        <tbody>
          {[...month]
            .sort((a, b) => a.date.localeCompare(b.date))
            .map((p) => (
              <tr key={p.date} data-date={p.date}>
                <td>
                  <button type="button" className="link" onClick={() => setDate(p.date)}>
                    {p.date}
                  </button>
                </td>
                <td>
                  {p.goals.map((g) => `${g.done ? '✓' : '○'} ${g.text} (${g.points})`).join(' · ')}
                </td>
                <td className="points">{p.points}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </section>
  );
}
