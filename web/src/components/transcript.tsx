import type { ReactNode } from 'react';
import type { Finding, Segment } from '../api';
import { useUi } from '../ui';
import { RULE_NAMES } from '../i18n';

interface Mark {
  start: number;
  end: number;
  finding: Finding;
  /** A trigger (the customer's complaint that made a rule apply) is context, not a failure. */
  trigger: boolean;
}

/** A segment's text with every evidence span highlighted and labelled with its rule. */
function highlighted(text: string, marks: Mark[], lang: 'zh' | 'en', version: number): ReactNode[] {
  const sorted = [...marks].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: ReactNode[] = [];
  let at = 0;
  for (const m of sorted) {
    if (m.start < at) continue; // overlapping spans: the first one shown wins
    if (m.start > at) out.push(text.slice(at, m.start));
    const name = RULE_NAMES[m.finding.ruleId]?.[lang === 'zh' ? 0 : 1] ?? m.finding.ruleId;
    out.push(
      <mark
        key={`${m.start}-${m.finding.ruleId}`}
        className={`ev ${m.trigger ? 'trigger' : m.finding.outcome}`}
        title={`${name} · ${m.trigger ? 'trigger' : m.finding.outcome} · v${version}`}
        data-rule={m.finding.ruleId}
      >
        {text.slice(m.start, m.end)}
      </mark>,
    );
    // A failure is named where it happened; passes keep the line readable (name on hover).
    if (m.finding.outcome === 'fail' && !m.trigger)
      out.push(
        <sup key={`${m.start}-${m.finding.ruleId}-label`} className="rule-label">
          {name}
        </sup>,
      );
    at = m.end;
  }
  out.push(text.slice(at));
  return out;
}

export function Transcript({
  segments,
  findings,
  version,
  playing,
  onSeek,
}: {
  segments: Segment[];
  findings: Finding[];
  version: number;
  playing: number;
  onSeek?: (ms: number) => void;
}) {
  const { t, lang } = useUi();
  return (
    <ol className="transcript" data-testid="transcript">
      {segments.map((s, i) => {
        const marks = findings.flatMap((f) =>
          f.evidence
            .filter((e) => e.segment === i && !e.measure)
            .map((e) => ({
              start: e.start,
              end: e.end,
              finding: f,
              trigger: e.role === 'trigger',
            })),
        );
        return (
          <li
            key={i}
            className={`turn ${s.speaker} ${playing === i ? 'playing' : ''}`}
            data-segment={i}
            onClick={() => onSeek?.(s.startMs)}
          >
            <span className="who">
              {s.speaker === 'agent' ? t('agentSpeaker') : t('customerSpeaker')}
            </span>
            <span className="time">{(s.startMs / 1000).toFixed(1)}s</span>
            <p>{highlighted(s.text, marks, lang, version)}</p>
          </li>
        );
      })}
    </ol>
  );
}
