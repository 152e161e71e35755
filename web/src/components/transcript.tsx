import type { ReactNode } from 'react';
import type { Finding, Segment } from '../api';
import { useUi } from '../ui';
import { ruleName } from '../i18n';

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
  for (let i = 0; i < sorted.length;) {
    // Overlapping spans are shown as one highlight (the first span's look) carrying every label.
    const group = [sorted[i]];
    let end = sorted[i].end;
    for (i++; i < sorted.length && sorted[i].start < end; i++) {
      group.push(sorted[i]);
      end = Math.max(end, sorted[i].end);
    }
    const [m] = group;
    if (m.start > at) out.push(text.slice(at, m.start));
    const name = (x: Mark) => ruleName(x.finding.ruleId, lang);
    const what = (x: Mark) => (x.trigger ? 'trigger' : x.finding.outcome);
    out.push(
      <mark
        key={`${m.start}-${m.finding.ruleId}`}
        className={`ev ${what(m)}`}
        title={group.map((x) => `${name(x)} · ${what(x)} · v${version}`).join('\n')}
        data-rule={m.finding.ruleId}
      >
        {text.slice(m.start, end)}
      </mark>,
    );
    // A failure is named where it happened; passes keep the line readable (name on hover).
    const failed = group.filter((x) => x.finding.outcome === 'fail' && !x.trigger);
    for (const x of failed.filter((x, k) => failed.findIndex((y) => y.finding === x.finding) === k))
      out.push(
        <sup key={`${m.start}-${x.finding.ruleId}-label`} className="rule-label">
          {name(x)}
        </sup>,
      );
    at = end;
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
