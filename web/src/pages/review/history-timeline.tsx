import type { HistoryEntry } from './review-api';
import { useReviewText } from './review-i18n';

const score = (s: number | null | undefined) => (s == null ? '—' : String(s));

/** The append-only history, oldest first: who, when, what changed from what, why, the score. */
export function HistoryTimeline({
  items,
  names = {},
}: {
  items: HistoryEntry[];
  /** Manual item id → its question. */
  names?: Record<string, string>;
}) {
  const { t, code, action, rule, when } = useReviewText();
  return (
    <section className="history">
      <h2>{t('history')}</h2>
      {items.length === 0 && <p className="muted">{t('noHistory')}</p>}
      <ol className="timeline" data-testid="history">
        {items.map((h, i) => (
          <li key={i} data-action={h.action}>
            <div className="when">
              <time dateTime={h.at}>{when(h.at)}</time> · {h.by}
              {h.role && <span className="muted"> ({h.role})</span>}
            </div>
            <div>
              <strong>{action(h.action)}</strong>
              {(h.scoreBefore != null || h.scoreAfter != null) &&
                h.scoreBefore !== h.scoreAfter && (
                  <span className="score-change" data-testid="score-change">
                    {' '}
                    {t('scoreChange')} {score(h.scoreBefore)} → {score(h.scoreAfter)}
                  </span>
                )}
            </div>
            {h.changes.length > 0 && (
              <ul className="changes">
                {h.changes.map((c, j) => (
                  <li key={j} data-rule={c.ruleId ?? c.itemId}>
                    {c.ruleId ? rule(c.ruleId) : (names[c.itemId] ?? c.itemId)}: {code(c.before)} →{' '}
                    {code(c.after)}
                    {c.reason && <span className="muted"> 「{c.reason}」</span>}
                  </li>
                ))}
              </ul>
            )}
            {h.reason && <p className="reason">「{h.reason}」</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}
