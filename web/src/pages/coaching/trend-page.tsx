import { FormEvent, useEffect, useState } from 'react';
import type { Session } from '../../api';
import { DateRangeFields } from '../../components/date-range-fields';
import { FieldErrors } from '../../components/field-errors';
import { AgentTrend, coachingApi } from './coaching-api';
import { useCoachingText } from './coaching-i18n';
import { CoachingTabs, hashQuery, percent } from './coaching-tabs';

/** A lead's view of one agent's pass rate per rule over time; an agent sees their own. */
export function TrendPage({ user }: { user: Session }) {
  const { t } = useCoachingText();
  const isAgent = user.role === 'agent';
  const initial = hashQuery();
  const [agentId, setAgentId] = useState(
    isAgent ? (user.agentId ?? '') : (initial.get('agentId') ?? ''),
  );
  const [bucket, setBucket] = useState(initial.get('bucket') ?? 'week');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [agents, setAgents] = useState<string[]>([]);
  const [trend, setTrend] = useState<AgentTrend | null>(null);
  const [error, setError] = useState<unknown>(null);
  // From an assignment's link: that rule only, until the lead clears it.
  const [ruleId, setRuleId] = useState(initial.get('ruleId') ?? '');

  const load = () => {
    if (!agentId) return;
    setError(null);
    coachingApi.trend(agentId, { bucket, from, to, ruleId }).then(setTrend, setError);
  };
  useEffect(load, []);
  useEffect(() => {
    // The agents a lead coaches: those in the team's assignments.
    if (isAgent) return;
    coachingApi.list({ limit: '200' }).then(
      (p) => setAgents([...new Set(p.items.map((a) => a.agentId))].sort()),
      () => setAgents([]),
    );
  }, [isAgent]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    load();
  };
  return (
    <section className="coaching-trend">
      <CoachingTabs role={user.role} current="tabTrend" />
      <h2>{t('trendTitle')}</h2>
      <form className="filters" onSubmit={submit}>
        <label>
          {t('agent')}
          <input
            name="agentId"
            value={agentId}
            list="coached-agents"
            readOnly={isAgent}
            required
            onChange={(e) => setAgentId(e.target.value)}
          />
          <datalist id="coached-agents">
            {agents.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </label>
        <label>
          {t('bucket')}
          <select name="bucket" value={bucket} onChange={(e) => setBucket(e.target.value)}>
            <option value="week">{t('week')}</option>
            <option value="month">{t('month')}</option>
          </select>
        </label>
        <DateRangeFields
          from={from}
          to={to}
          onFrom={setFrom}
          onTo={setTo}
          error={error}
          labels={{ from: t('from'), to: t('to') }}
        />
        <label>
          {t('rule')}
          <input
            name="ruleId"
            value={ruleId}
            placeholder="*"
            onChange={(e) => setRuleId(e.target.value)}
          />
        </label>
        <button type="submit">{t('show')}</button>
      </form>
      <FieldErrors error={error} />
      {trend ? (
        <>
          <p className="hint">
            {trend.agentId} · {trend.from} – {trend.to} · {t('trendHint')}
          </p>
          {trend.rules.length === 0 ? (
            <p>{t('noData')}</p>
          ) : (
            <table className="list trend" data-agent={trend.agentId}>
              <thead>
                <tr>
                  <th>{t('rule')}</th>
                  <th>{t('total')}</th>
                  {trend.buckets.map((b) => (
                    <th key={b}>{trend.bucket === 'month' ? b.slice(0, 7) : b.slice(5)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {trend.rules.map((r) => (
                  <tr key={r.ruleId} data-rule={r.ruleId}>
                    <th>
                      <code>{r.ruleId}</code>
                    </th>
                    <td className="total">{percent(r.total)}</td>
                    {r.points.map((p) => (
                      <td
                        key={p.bucketStart}
                        data-bucket={p.bucketStart}
                        className={p.rate === null ? 'empty' : p.rate < 0.8 ? 'low' : ''}
                      >
                        {percent(p)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      ) : null}
    </section>
  );
}
