import { createContext, useContext } from 'react';
// The KPI service's day arithmetic (pure, DST-safe): the dashboard picks days the way it buckets them.
import { fromLocal } from '../../apps/kpi/src/modules/kpis/domain/time-buckets';
import { Lang, MessageKey, messages } from './i18n';

/** What every page reads from the shell: the language, its messages and the tenant's clock. */
export interface Ui {
  lang: Lang;
  t: (k: MessageKey) => string;
  /** The tenant's IANA time zone: times are shown, and days chosen, as the tenant reads them. */
  timeZone: string;
  /** A moment as date and time in the tenant's zone and the current language. */
  when: (iso: string) => string;
}

export function formatWhen(iso: string, lang: Lang, timeZone: string): string {
  return new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { timeZone });
}

/** The moment a day (YYYY-MM-DD) begins in the zone; `days` later for the end of a range. */
export function dayStart(day: string, timeZone: string, days = 0): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(fromLocal(timeZone, y, m, d + days)).toISOString();
}

const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

// Its own module so the pages do not import app.tsx, which imports them.
export const UiContext = createContext<Ui>({
  lang: 'zh',
  t: (k) => messages.zh[k],
  timeZone: browserZone,
  when: (iso) => formatWhen(iso, 'zh', browserZone),
});
export const useUi = () => useContext(UiContext);
