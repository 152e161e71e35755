import { FormEvent, useEffect, useState } from 'react';
import type { Session } from '../../api';
import { ErrorMessage } from '../../components/field-errors';
import { DateRangeFields } from '../../components/date-range-fields';
import { coachingApi, TrainingCall } from './coaching-api';
import { useCoachingText } from './coaching-i18n';
import { CoachingTabs } from './coaching-tabs';

/** The trainer's list of role plays (purpose training), each scored and linked to its evaluation. */
export function TrainingCallsPage({ user }: { user: Session }) {
  const { t, when } = useCoachingText();
  const isAgent = user.role === 'agent';
  const [agentId, setAgentId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [items, setItems] = useState<TrainingCall[]>([]);
  const [range, setRange] = useState<{ from: string; to: string } | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = (cursor?: string) => {
    setError(null);
    coachingApi.trainingCalls({ agentId, from, to, cursor: cursor ?? '' }).then((page) => {
      setItems((all) => (cursor ? [...all, ...page.items] : page.items));
      setRange({ from: page.from, to: page.to });
      setNext(page.nextCursor);
    }, setError);
  };
  useEffect(() => load(), []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    load();
  };
  return (
    <section className="training-calls">
      <CoachingTabs role={user.role} current="tabTrainingCalls" />
      <h2>{t('trainingCallsTitle')}</h2>
      <form className="filters" onSubmit={submit}>
        {isAgent ? null : (
          <label>
            {t('agent')}
            <input name="agentId" value={agentId} onChange={(e) => setAgentId(e.target.value)} />
          </label>
        )}
        <DateRangeFields
          from={from}
          to={to}
          onFrom={setFrom}
          onTo={setTo}
          error={error}
          labels={{ from: t('from'), to: t('to') }}
        />
        <button type="submit">{t('show')}</button>
      </form>
      <ErrorMessage error={error} />
      {range ? (
        <p className="hint">
          {range.from} – {range.to}
        </p>
      ) : null}
      {items.length === 0 ? (
        <p>{t('noTrainingCalls')}</p>
      ) : (
        <table className="list">
          <thead>
            <tr>
              <th>{t('calledAt')}</th>
              <th>{t('agent')}</th>
              <th>{t('score')}</th>
              <th>{t('autoScore')}</th>
              <th>{t('reviewed')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr key={c.evaluationId} data-training-call={c.callId}>
                <td>{when(c.callStartedAt)}</td>
                <td>{c.agentId}</td>
                <td className="score">{c.score}</td>
                <td>{c.autoScore}</td>
                <td>{c.reviewedAt ? when(c.reviewedAt) : '—'}</td>
                <td>
                  <a href={`#/evaluations/${c.evaluationId}`}>{t('openEvaluation')}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next ? (
        <button type="button" onClick={() => load(next)}>
          {t('more')}
        </button>
      ) : null}
    </section>
  );
}
