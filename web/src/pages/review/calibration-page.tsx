import { useEffect, useState } from 'react';
import { call, Session } from '../../api';
import { FieldErrors } from '../../components/field-errors';
import type { Outcome } from '../../../../libs/qa-rules/src';
import { OutcomeSelect } from './outcome-select';
import { CalibrationReport, CalibrationSession, reviewApi } from './review-api';
import { useReviewText } from './review-i18n';

interface ScorecardItem {
  id: string;
  name?: string;
  question?: string;
  ruleId?: string;
}

const pct = (v: number | null) => (v == null ? '—' : `${Math.round(v * 100)}%`);
const signed = (v: number) => (v > 0 ? `+${v}` : String(v));

/**
 * One calibration session: each evaluator and the expert score the calls blind (nobody sees the
 * others' answers or the engine's findings here); once all are in, the report compares them.
 */
export function CalibrationPage({ id, user }: { id: string; user: Session }) {
  const { t, code, rule, list } = useReviewText();
  const [session, setSession] = useState<CalibrationSession | null>(null);
  const [names, setNames] = useState<Record<string, string>>({});
  const [scores, setScores] = useState<Record<string, Record<string, string>>>({});
  const [report, setReport] = useState<CalibrationReport | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = async () => {
    try {
      const s = await reviewApi.calibration(id);
      setSession(s);
      if (s.status === 'closed') setReport(await reviewApi.calibrationReport(id));
    } catch (e) {
      setError(e);
    }
  };
  useEffect(() => {
    void load();
    // Item labels from the tenant's scorecards; an unknown id shows as itself.
    call<{ definition: { items: ScorecardItem[] } }[]>('/api/v1/scorecards')
      .then((cards) =>
        setNames(
          Object.fromEntries(
            cards.flatMap((c) =>
              c.definition.items.map((i) => [
                i.id,
                i.name ?? (i.ruleId ? rule(i.ruleId) : (i.question ?? i.id)),
              ]),
            ),
          ),
        ),
      )
      .catch(() => setNames({}));
  }, [id]);

  const submit = async () => {
    if (!session) return;
    setError(null);
    try {
      await reviewApi.scoreCalibration(id, {
        scores: session.calls.map((c) => ({
          callId: c.callId,
          items: c.itemIds.map((itemId) => ({
            itemId,
            outcome: (scores[c.callId]?.[itemId] ?? '') as Outcome,
          })),
        })),
      });
      await load();
    } catch (e) {
      setError(e);
    }
  };
  if (!session) return <FieldErrors error={error} />;
  const me = user.username;
  const participant = session.evaluators.includes(me) || session.expert === me;
  const toScore = participant && session.status === 'open' && !session.submitted.includes(me);
  const label = (itemId: string) => names[itemId] ?? itemId;

  return (
    <section data-testid="calibration">
      <p>
        <a href="#/calibrations">← {t('calibrations')}</a>
      </p>
      <h2>
        {session.name || session.id.slice(0, 8)} ·{' '}
        <span data-testid="calibration-status">{code(session.status)}</span>
      </h2>
      <p className="muted">
        {t('evaluator')}: {list(session.evaluators)} · {t('expert')}: {session.expert} ·{' '}
        {t('submitted')}: {list(session.submitted) || '—'}
      </p>
      <FieldErrors error={error} />
      {toScore && (
        <div data-testid="blind-scores">
          <h3>{t('scoreBlind')}</h3>
          {session.calls.map((c) => (
            <table key={c.callId} className="list" data-calibration-call={c.callId}>
              <caption>
                {t('call')} {c.callId}
              </caption>
              <tbody>
                {c.itemIds.map((itemId) => (
                  <tr key={itemId} data-item={itemId}>
                    <td>{label(itemId)}</td>
                    <td>
                      <OutcomeSelect
                        name={`${c.callId}:${itemId}`}
                        value={scores[c.callId]?.[itemId] ?? ''}
                        onChange={(v) =>
                          setScores({ ...scores, [c.callId]: { ...scores[c.callId], [itemId]: v } })
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
          <h4>{t('deviation')}</h4>
          <table className="list">
            <thead>
              <tr>
                <th>{t('evaluator')}</th>
                <th className="num">{t('deviation')}</th>
                <th className="num">{t('itemAgreement')}</th>
                <th>{t('tendency')}</th>
              </tr>
            </thead>
            <tbody>
              {report.evaluators.map((e) => (
                <tr key={e.evaluator} data-evaluator={e.evaluator}>
                  <td>{e.evaluator}</td>
                  <td className="num">{signed(e.deviation)}</td>
                  <td className="num">{pct(e.itemAgreement)}</td>
                  <td className={`tendency ${e.tendency}`} data-testid="tendency">
                    {code(e.tendency)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h4>{t('itemAgreement')}</h4>
          <table className="list">
            <tbody>
              {report.items.map((r) => (
                <tr key={r.itemId} data-item={r.itemId}>
                  <td>{label(r.itemId)}</td>
                  <td className="num">
                    {r.agreeing} / {r.answers}
                  </td>
                  <td className="num">{pct(r.agreement)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
