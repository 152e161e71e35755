import { useEffect, useState } from 'react';
import { useComplaintsText } from './complaints-i18n';

/** The current time, ticking once a second, for live countdowns. */
export function useNow(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function formatSpan(ms: number): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86400);
  const hms = `${pad(Math.floor((s % 86400) / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
  return d > 0 ? `${d}d ${hms}` : hms;
}

/** Time left to a deadline; past it (or breached) in red. */
export function Countdown({
  due,
  now,
  overdue,
}: {
  due: string | null;
  now: number;
  overdue?: boolean;
}) {
  const { t } = useComplaintsText();
  if (!due) return <span className="muted">—</span>;
  const left = Date.parse(due) - now;
  const late = left <= 0 || overdue;
  return (
    <span
      className={late ? 'overdue' : 'due'}
      data-testid="countdown"
      title={new Date(due).toISOString()}
    >
      {left <= 0 ? `${t('overdueBy')} ${formatSpan(left)}` : formatSpan(left)}
    </span>
  );
}
