import { useEffect, useState } from 'react';
import { call, Session } from '../../api';
import { FieldErrors } from '../../components/field-errors';
import { OutcomeSelect } from './outcome-select';
import { CalibrationReport, CalibrationSession, reviewApi } from './review-api';
import { useReviewText } from './review-i18n';

interface ScorecardItem {
  id: string;
  kind: string;
  name?: string;
  ruleId?: string;
}

const pct = (v: number | null | undefined) => (v == null ? '—' : `${Math.round(v * 100)}%`);

/**
 * One calibration session: each evaluator (and the expert) scores the calls blind — nobody
 * sees the others' scores or the engine's findings here — then the report compares them.
 */
export function CalibrationPage({ id, user }: { id: string; user: Session }) {
  const { t, code, rule } = useReviewText();
  const [session, setSession] = useState<CalibrationSession | null>(null);
  const [items, setItems] = useState<ScorecardItem[]>([]);
  const [scores, setScores] = useState<Record<string, Record<string, string>>>({});
  const [report, setReport] = useState<CalibrationReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);

  const loadReport = () =>
    reviewApi
      .calibrationReport(id)
      .then(setReport)
      .catch(() => setReport(null));
  useEffect(() => {
    void (async () => {
      try {
        setSession(await reviewApi.calibration(id));
        const cards =
          await call<{ active: boolean; definition: { items: ScorecardItem[] } }[]>(
            '/api/v1/scorecards',
          );
        setItems((cards.find((c) => c.active) ?? cards[0])?.definition.items ?? []);
      } catch (e) {
        setError(e);
      }
      await loadReport();
    })();
  }, [id]);

  const submit = async () => {
    setError(null);
    try {
      await reviewApi.scoreCalibration(id, {
        scores: Object.entries(scores).map(([callId, byItem]) => ({
          callId,
          items: Object.entries(byItem)
            .filter(([, o]) => o)
            .map(([itemId, outcome]) => ({ itemId, outcome })),
        })),
      });
      setDone(true);
      await loadReport();
    } catch (e) {
      setError(e);
    }
  };
  if (!session) return <FieldErrors error={error} />;
  const participant =
    session.evaluators.includes(user.username) || session.expert === user.username;
  const label = (i: ScorecardItem) => i.name ?? (i.ruleId ? rule(i.ruleId) : i.id);

  return (
    <section data-testid="calibration">
      <p>
        <a href="#/calibrations">← {t('calibrations')}</a>
      </p>
      <h2>
        {session.name || session.id.slice(0, 8)} · {code(session.status)}
      </h2>
      <p className="muted">
        {t('evaluators')}: {session.evaluators.join('、')} · {t('expert')}: {session.expert}
      </p>
      <FieldErrors error={error} />
      {participant && !done && (
        <div data-testid="blind-scores">
          <h3>{t('scoreBlind')}</h3>
          {session.callIds.map((callId) => (
            <table key={callId} className="list" data-calibration-call={callId}>
              <caption>
                {t('call')} {callId}
              </caption>
              <tbody>
                {items.map((i) => (
                  <tr key={i.id}>
                    <td>{label(i)}</td>
                    <td>
                      <OutcomeSelect
                        name={`${callId}:${i.id}`}
                        value={scores[callId]?.[i.id] ?? ''}
                        onChange={(v) =>
                          setScores({ ...scores, [callId]: { ...scores[callId], [i.id]: v } })
                        }
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
          <button type="button" data-testid="submit-scores" onClick={() => void submit()}>
            {t('submitScores')}
          </button>
        </div>
      )}
      {report && (
        <div data-testid="calibration-report">
          <h3>{t('report')}</h3>
          <h4>{t('itemAgreement')}</h4>
          <table className="list">
            <tbody>
              {report.items.map((r, n) => (
                <tr key={n}>
                  <td>{r.callId}</td>
                  <td>{r.ruleId ? rule(r.ruleId) : r.itemId}</td>
                  <td className="num">{pct(r.agreement)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h4>{t('deviation')}</h4>
          <table className="list">
            <tbody>
              {report.evaluators.map((e) => (
                <tr key={e.evaluator} data-evaluator={e.evaluator}>
                  <td>{e.evaluator}</td>
                  <td className="num">{e.deviation ?? '—'}</td>
                  <td>{code(e.tendency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
