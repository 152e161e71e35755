import { FormEvent, useEffect, useState } from 'react';
import type { Session } from '../../api';
import { ErrorMessage } from '../../components/field-errors';
import { FieldMessage } from '../../components/field-message';
import { coachingApi, FACTORS, Ranked, Ranking } from './coaching-api';
import { useCoachingText } from './coaching-i18n';
import { CoachingTabs } from './coaching-tabs';

const blank = { agentId: '', grade: '', writtenTest: '', attendance: '', kpiAttainment: '' };
const numberOrNull = (s: string) => (s.trim() === '' ? null : Number(s));

/** One round: candidates' entered figures, the ranking with every input and weight, the CSV. */
export function PromotionRoundPage({ id, user }: { id: string; user: Session }) {
  const { t, code } = useCoachingText();
  const [ranking, setRanking] = useState<Ranking | null>(null);
  const [form, setForm] = useState(blank);
  const [incident, setIncident] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [csv, setCsv] = useState<string | null>(null);
  const load = () => coachingApi.ranking(id).then(setRanking, setError);
  useEffect(() => {
    void load();
  }, [id]);
  const field = (k: keyof typeof blank) => ({
    name: k,
    value: form[k],
    onChange: (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value })),
  });
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await coachingApi.putCandidate(id, {
        agentId: form.agentId.trim(),
        grade: Number(form.grade),
        writtenTest: numberOrNull(form.writtenTest),
        attendance: numberOrNull(form.attendance),
        kpiAttainment: numberOrNull(form.kpiAttainment),
        majorIncident: incident,
      });
      setForm(blank);
      setIncident(false);
      setCsv(null);
      await load();
    } catch (err) {
      setError(err);
    }
  };
  const exportCsv = async () => {
    setError(null);
    try {
      setCsv(await coachingApi.rankingCsv(id));
    } catch (err) {
      setError(err);
    }
  };
  const round = ranking?.round;
  return (
    <section className="promotion-round">
      <CoachingTabs role={user.role} current="tabPromotion" />
      {round ? (
        <>
          <h2>{round.name}</h2>
          <p className="round-rules">
            {round.period.from} – {round.period.to} · {t('minGrade')} {round.eligibility.minGrade} ·{' '}
            {t('consecutiveMonths')} {round.eligibility.consecutiveMonths} × ≥{' '}
            {code(round.eligibility.minBand)}
            {round.eligibility.noMajorIncident ? ` · ${t('noMajorIncident')}` : ''}
          </p>
          <p className="round-weights">
            {FACTORS.map((f) => `${t(f)} ${round.weights[f]}`).join(' · ')}
          </p>
        </>
      ) : null}
      <form className="candidate-form card" onSubmit={save}>
        <h3>{t('candidates')}</h3>
        <label>
          {t('agent')}
          <input {...field('agentId')} required />
        </label>
        <label>
          {t('grade')}
          <input {...field('grade')} type="number" required />
          <FieldMessage error={error} prefix="grade" />
        </label>
        <label>
          {t('writtenTest')} (0–100)
          <input {...field('writtenTest')} type="number" step="any" />
          <FieldMessage error={error} prefix="writtenTest" />
        </label>
        <label>
          {t('attendance')} (0–1)
          <input {...field('attendance')} type="number" step="any" />
          <FieldMessage error={error} prefix="attendance" />
        </label>
        <label>
          {t('kpiOverride')}
          <input {...field('kpiAttainment')} type="number" step="any" />
          <FieldMessage error={error} prefix="kpiAttainment" />
        </label>
        <label>
          <input
            name="majorIncident"
            type="checkbox"
            checked={incident}
            onChange={(e) => setIncident(e.target.checked)}
          />
          {t('majorIncident')}
        </label>
        <button type="submit">{t('addCandidate')}</button>
      </form>
      <ErrorMessage error={error} />
      {ranking ? (
        <>
          <h3>
            {t('ranking')}{' '}
            <button type="button" data-testid="export-csv" onClick={() => void exportCsv()}>
              {t('exportCsv')}
            </button>{' '}
            {csv ? (
              <a href={csv} download={`promotion-${id}.csv`} data-testid="csv-link">
                {`promotion-${id}.csv`}
              </a>
            ) : null}
          </h3>
          <table className="list ranking">
            <thead>
              <tr>
                <th>{t('rank')}</th>
                <th>{t('agent')}</th>
                <th>{t('grade')}</th>
                <th>{t('bands')}</th>
                {FACTORS.map((f) => (
                  <th key={f}>
                    {t(f)}
                    <br />
                    <small>
                      {t('raw')} / {t('points')} × {t('weight')} = {t('weighted')}
                    </small>
                  </th>
                ))}
                <th>{t('total')}</th>
                <th>{t('reasons')}</th>
              </tr>
            </thead>
            <tbody>
              {ranking.items.map((r) => (
                <tr
                  key={r.agentId}
                  data-candidate={r.agentId}
                  className={r.eligible ? '' : 'ineligible'}
                >
                  <td className="rank">{r.rank ?? '—'}</td>
                  <td>{r.agentId}</td>
                  <td>{r.grade}</td>
                  <td>{r.bands.map((b) => (b ? code(b) : '—')).join(' · ')}</td>
                  {FACTORS.map((f) => {
                    const x = r.factors[f];
                    return (
                      <td key={f} data-factor={f}>
                        <span className="factor-line">
                          {x.raw ?? '—'} / {x.points} × {x.weight}% = {x.weighted}
                        </span>
                        {f === 'kpiAttainment' ? <KpiSource kpi={r.kpi} /> : null}
                      </td>
                    );
                  })}
                  <td className="total">{r.total}</td>
                  <td className="reasons">{r.reasons.join('; ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="kpi-attainment-definition">{t('kpiAttainmentDefinition')}</p>
          <h4>{t('sources')}</h4>
          <dl className="sources">
            {Object.entries(ranking.sources).map(([k, v]) => (
              <div key={k}>
                <dt>{code(k)}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        </>
      ) : null}
    </section>
  );
}

/** Where a candidate's KPI attainment comes from, with its counts; the figures on hover. */
function KpiSource({ kpi }: { kpi: Ranked['kpi'] }) {
  const { t } = useCoachingText();
  const counts = `${kpi.onTarget}/${kpi.withTarget} ${t('figuresOnTarget')}`;
  const label =
    kpi.source === 'none'
      ? t('kpiNone')
      : kpi.source === 'derived'
        ? `${t('kpiDerived')}: ${counts}`
        : `${t('kpiEntered')}; ${t('kpiDerived')}: ${kpi.derived ?? '—'} (${counts})`;
  const title = kpi.figures
    .map((f) => `${f.month} ${f.kpi} ${f.value} / ${f.target} ${f.onTarget ? '✓' : '✗'}`)
    .join('\n');
  return (
    <small className="kpi-source" data-kpi-source={kpi.source} title={title}>
      <br />
      {label}
    </small>
  );
}
