import { FormEvent, useEffect, useState } from 'react';
import type { Session } from '../../api';
import { ErrorMessage } from '../../components/field-errors';
import { FieldMessage } from '../../components/field-message';
import { todayIn } from '../../ui';
import { coachingApi, Factor, FACTORS, Round } from './coaching-api';
import { useCoachingText } from './coaching-i18n';
import { CoachingTabs } from './coaching-tabs';

const BANDS = ['fail', 'pass', 'good', 'excellent', 'best'];
const DEFAULT_WEIGHTS: Record<Factor, string> = {
  writtenTest: '30',
  trainingCallScore: '25',
  csat: '20',
  attendance: '10',
  kpiAttainment: '15',
};

/** Promotion rounds (竞聘, seed 004): the list, and a new round with its rules and weights. */
export function PromotionPage({ user }: { user: Session }) {
  const { t, code, timeZone } = useCoachingText();
  const thisMonth = todayIn(timeZone).slice(0, 7);
  const [rounds, setRounds] = useState<Round[]>([]);
  const [name, setName] = useState('');
  const [from, setFrom] = useState(thisMonth);
  const [to, setTo] = useState(thisMonth);
  const [minGrade, setMinGrade] = useState('2');
  const [months, setMonths] = useState('2');
  const [minBand, setMinBand] = useState('good');
  const [noIncident, setNoIncident] = useState(true);
  const [weights, setWeights] = useState(DEFAULT_WEIGHTS);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    coachingApi.rounds().then((r) => setRounds(r.items), setError);
  }, []);
  const sum = FACTORS.reduce((s, f) => s + (Number(weights[f]) || 0), 0);
  const create = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const round = await coachingApi.createRound({
        name,
        period: { from, to },
        eligibility: {
          minGrade: Number(minGrade),
          consecutiveMonths: Number(months),
          minBand,
          noMajorIncident: noIncident,
        },
        weights: Object.fromEntries(FACTORS.map((f) => [f, Number(weights[f])])) as Record<
          Factor,
          number
        >,
      });
      location.hash = `#/coaching/promotion/${round.id}`;
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section className="promotion">
      <CoachingTabs role={user.role} current="tabPromotion" />
      <h2>{t('rounds')}</h2>
      <ul className="rounds">
        {rounds.map((r) => (
          <li key={r.id}>
            <a href={`#/coaching/promotion/${r.id}`} data-round={r.id}>
              {r.name}
            </a>{' '}
            {r.period.from} – {r.period.to}
          </li>
        ))}
      </ul>
      <form className="round-form card" onSubmit={create}>
        <h3>{t('newRound')}</h3>
        <label>
          {t('name')}
          <input name="name" value={name} required onChange={(e) => setName(e.target.value)} />
          <FieldMessage error={error} prefix="name" />
        </label>
        <label>
          {t('periodFrom')}
          <input name="from" type="month" value={from} onChange={(e) => setFrom(e.target.value)} />
          <FieldMessage error={error} prefix="period.from" />
        </label>
        <label>
          {t('periodTo')}
          <input name="to" type="month" value={to} onChange={(e) => setTo(e.target.value)} />
          <FieldMessage error={error} prefix="period.to" />
        </label>
        <fieldset>
          <legend>{t('eligible')}</legend>
          <label>
            {t('minGrade')}
            <input
              name="minGrade"
              type="number"
              value={minGrade}
              onChange={(e) => setMinGrade(e.target.value)}
            />
            <FieldMessage error={error} prefix="eligibility.minGrade" />
          </label>
          <label>
            {t('consecutiveMonths')}
            <input
              name="consecutiveMonths"
              type="number"
              value={months}
              onChange={(e) => setMonths(e.target.value)}
            />
            <FieldMessage error={error} prefix="eligibility.consecutiveMonths" />
          </label>
          <label>
            {t('minBand')}
            <select name="minBand" value={minBand} onChange={(e) => setMinBand(e.target.value)}>
              {BANDS.map((b) => (
                <option key={b} value={b}>
                  {code(b)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <input
              name="noMajorIncident"
              type="checkbox"
              checked={noIncident}
              onChange={(e) => setNoIncident(e.target.checked)}
            />
            {t('noMajorIncident')}
          </label>
        </fieldset>
        <fieldset className="weights">
          <legend>
            {t('weights')} · {t('weightSum')}: <strong data-testid="weight-sum">{sum}</strong>{' '}
            <FieldMessage error={error} prefix="weights" exact />
          </legend>
          {FACTORS.map((f) => (
            <label key={f}>
              {t(f)}
              <input
                name={`weight-${f}`}
                type="number"
                step="any"
                value={weights[f]}
                onChange={(e) => setWeights((w) => ({ ...w, [f]: e.target.value }))}
              />
              <FieldMessage error={error} prefix={`weights.${f}`} />
            </label>
          ))}
        </fieldset>
        <button type="submit">{t('create')}</button>
        <ErrorMessage error={error} />
      </form>
    </section>
  );
}
