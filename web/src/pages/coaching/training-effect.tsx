import { useEffect, useState } from 'react';
import { coachingApi, Effect, EffectRow, Figures, Programme } from './coaching-api';
import { useCoachingText } from './coaching-i18n';

const FIGURES: (keyof Figures)[] = [
  'calls',
  'qaScoreAvg',
  'behaviourScore',
  'forbiddenPer100Calls',
  'complaintsOpened',
  'complaintResolutionRate',
  'repeatComplaintRate',
  'trainingCalls',
  'trainingCallScoreAvg',
];
const RATES = new Set<keyof Figures>(['complaintResolutionRate', 'repeatComplaintRate']);
/** Seed 001's targets, by the figure they judge. */
const TARGET: Partial<Record<keyof Figures, { key: keyof EffectRow['onTarget']; text: string }>> = {
  complaintResolutionRate: { key: 'complaintResolution', text: '≥ 92%' },
  repeatComplaintRate: { key: 'repeatComplaints', text: '−35%' },
  behaviourScore: { key: 'behaviourScore', text: '4.2 → 4.8' },
};

function EffectTable({ title, row }: { title: string; row: EffectRow }) {
  const { t } = useCoachingText();
  const show = (f: keyof Figures, v: number | null) =>
    v === null ? '—' : RATES.has(f) ? `${Math.round(v * 1000) / 10}%` : String(v);
  return (
    <table className="effect" data-effect={title}>
      <caption>{title}</caption>
      <thead>
        <tr>
          <th>{t('figure')}</th>
          <th>{t('trainingBefore')}</th>
          <th>{t('trainingAfter')}</th>
          <th>{t('target')}</th>
        </tr>
      </thead>
      <tbody>
        {FIGURES.map((f) => {
          const target = TARGET[f];
          const verdict = target ? row.onTarget[target.key] : null;
          return (
            <tr key={f} data-figure={f}>
              <td>{t(f)}</td>
              <td>{show(f, row.before[f])}</td>
              <td>{show(f, row.after[f])}</td>
              <td>
                {target
                  ? `${target.text} ${verdict === null ? '' : verdict ? t('met') : t('missed')}`
                  : ''}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Trainers and leads: programmes and each one's effect, cohort and trainee by trainee. */
export function TrainingEffect() {
  const { t } = useCoachingText();
  const [programmes, setProgrammes] = useState<Programme[]>([]);
  const [effect, setEffect] = useState<Effect | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    coachingApi.programmes().then(
      (r) => setProgrammes(r.items),
      (e: Error) => setError(e.message),
    );
  }, []);
  const open = (id: string) => {
    setError('');
    coachingApi.effect(id).then(setEffect, (e: Error) => setError(e.message));
  };
  return (
    <section className="training">
      <h2>{t('programmes')}</h2>
      <ul>
        {programmes.map((p) => (
          <li key={p.id}>
            <button type="button" data-programme={p.id} onClick={() => open(p.id)}>
              {p.name}
            </button>{' '}
            {p.startDate} – {p.endDate} · {p.trainees.length}
          </li>
        ))}
      </ul>
      {error ? <p className="error">{error}</p> : null}
      {effect ? (
        <div>
          <h3>
            {t('effect')}: {effect.programme.name}
          </h3>
          <p>
            {t('trainingBefore')} {effect.windows.before.from} – {effect.windows.before.to} ·{' '}
            {t('trainingAfter')} {effect.windows.after.from} – {effect.windows.after.to}
          </p>
          <EffectTable title={t('cohort')} row={effect.cohort} />
          {effect.trainees.map((tr) => (
            <div key={tr.agentId}>
              <EffectTable title={tr.agentId} row={tr} />
              <p className="sources">
                {Object.entries(tr.sources).map(([k, href]) => (
                  <a key={k} href={href} target="_blank" rel="noreferrer">
                    {k}{' '}
                  </a>
                ))}
              </p>
            </div>
          ))}
        </div>
      ) : null}
    </section>
  );
}
