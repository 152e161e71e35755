import { useEffect, useRef, useState } from 'react';
import { api, ApiError, CallView, Evaluation, type Evidence } from '../api';
import { useUi } from '../ui';
import { Transcript } from '../components/transcript';
import { gradeName, ruleName, sectionName } from '../i18n';
import { OverrideNote } from './review/override-note';
import { ReviewPanel } from './review/review-panel';

/** A measurement in words; a span quoted with its segment, a trigger or a gap named as such. */
function evidenceLabel(e: Evidence, t: (key: 'trigger' | 'missing') => string): string {
  if (e.measure) return e.text;
  const role = e.role === 'trigger' || e.role === 'missing' ? `${t(e.role)} ` : '';
  return `${role}「${e.text}」#${e.segment}`;
}

/** Talk time: from the answer (or the start, when nobody answered) to the end. */
const seconds = (c: CallView) =>
  Math.round((Date.parse(c.endedAt) - Date.parse(c.answeredAt ?? c.startedAt)) / 1000);

export function EvaluationPage({ id }: { id: string }) {
  const { t, lang, when } = useUi();
  const [evaluation, setEvaluation] = useState<Evaluation | null>(null);
  const [call, setCall] = useState<CallView | null>(null);
  const [audio, setAudio] = useState<string | null>(null);
  const [playing, setPlaying] = useState(-1);
  const [error, setError] = useState<Error | null>(null);
  const player = useRef<HTMLAudioElement>(null);
  const reload = async () => setEvaluation(await api.evaluation(id));

  useEffect(() => {
    let url: string | null = null;
    // Answers for an evaluation the user has already left are dropped.
    let left = false;
    void (async () => {
      try {
        const ev = await api.evaluation(id);
        if (left) return;
        setEvaluation(ev);
        const c = await api.call(ev.callId);
        if (left) return;
        setCall(c);
        url = await api.recording(ev.callId);
        if (left && url) URL.revokeObjectURL(url);
        else setAudio(url);
      } catch (e) {
        if (!left) setError(e as Error);
      }
    })();
    return () => {
      left = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [id]);

  const onTime = () => {
    const ms = (player.current?.currentTime ?? 0) * 1000;
    setPlaying(call?.segments.findIndex((s) => ms >= s.startMs && ms < s.endMs) ?? -1);
  };
  const seek = (ms: number) => {
    if (!player.current) return;
    player.current.currentTime = ms / 1000;
    void player.current.play().catch(() => undefined);
    onTime();
  };

  /** Brings a finding's evidence line into view and flashes it. */
  const showEvidence = (segment: number | undefined) => {
    if (segment === undefined) return;
    const line = document.querySelector(`[data-segment="${segment}"]`);
    line?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    line?.classList.add('flash');
    setTimeout(() => line?.classList.remove('flash'), 1500);
  };

  if (error)
    return (
      <section className="status-page" data-testid="evaluation-error">
        <p className="error">
          {error instanceof ApiError && error.status === 404
            ? t('evaluationNotFound')
            : error.message}
        </p>
        <a href="#/evaluations">← {t('back')}</a>
      </section>
    );
  if (!evaluation || !call) return <p>…</p>;
  const name = (ruleId: string) => ruleName(ruleId, lang);
  return (
    <section className="evaluation">
      <a href="#/evaluations">← {t('back')}</a>
      <h1 data-testid="score">
        {evaluation.callId} · {t('score')} {evaluation.score} · {gradeName(evaluation.grade, lang)}
      </h1>
      <p>
        {t('version')}: <strong data-testid="version">v{evaluation.scorecardVersion}</strong>
      </p>
      <dl className="facts" data-testid="call-facts">
        <dt>{t('agent')}</dt>
        <dd>{call.agentId}</dd>
        <dt>{t('team')}</dt>
        <dd>{call.teamId}</dd>
        <dt>{t('startedAt')}</dt>
        <dd>{when(call.startedAt)}</dd>
        <dt>{t('duration')}</dt>
        <dd>{seconds(call)} s</dd>
        <dt>{t('rings')}</dt>
        <dd>{call.ringCount}</dd>
        <dt>{t('hangupBy')}</dt>
        <dd>{t(`hangup_${call.hangupBy}`)}</dd>
        {call.customer && (
          <>
            <dt>{t('customer')}</dt>
            <dd>
              {[call.customer.name, call.customer.phone, call.customer.id]
                .filter(Boolean)
                .join(' · ')}
            </dd>
          </>
        )}
      </dl>
      <div className="columns">
        <div>
          <h2>{t('transcript')}</h2>
          {audio ? (
            <audio ref={player} src={audio} controls onTimeUpdate={onTime} data-testid="audio" />
          ) : (
            <p className="muted">{t('noRecording')}</p>
          )}
          <Transcript
            segments={call.segments}
            findings={evaluation.findings}
            version={evaluation.scorecardVersion}
            playing={playing}
            onSeek={audio ? seek : undefined}
          />
        </div>
        <aside>
          <h2>{t('sections')}</h2>
          <table className="list">
            <tbody>
              {evaluation.sections.map((s) => (
                <tr key={s.sectionId}>
                  <td>{sectionName(s, lang)}</td>
                  <td className="num">
                    {s.score} / {s.weight}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>{t('findings')}</h2>
          <ul className="findings" data-testid="findings">
            {evaluation.findings.map((f) => (
              <li
                key={f.itemId}
                className={`${f.outcome} ${f.evidence.length > 0 ? 'has-evidence' : ''}`}
                data-rule={f.ruleId}
                onClick={() => showEvidence(f.evidence.find((e) => e.segment >= 0)?.segment)}
              >
                <span className="badge">{t(f.outcome)}</span> {name(f.ruleId)}
                <OverrideNote finding={f} />
                {f.evidence.length > 0 && (
                  <span className="muted">
                    {' '}
                    — {t('evidence')}: {f.evidence.map((e) => evidenceLabel(e, t)).join(' ')}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </aside>
      </div>
      <ReviewPanel evaluation={evaluation} onChange={setEvaluation} reload={reload} />
    </section>
  );
}
