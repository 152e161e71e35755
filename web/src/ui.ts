import { createContext, useContext } from 'react';
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

/** The zone's offset from UTC at a moment, in ms, from its "GMT+08:00" name. */
function offsetAt(at: number, timeZone: string): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000 : 0;
}

/** The moment a day (YYYY-MM-DD) begins in the zone; `days` later for the end of a range. */
export function dayStart(day: string, timeZone: string, days = 0): string {
  const [y, m, d] = day.split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d + days);
  // The offset at the answer, not at the guess, decides around a daylight-saving change.
  return new Date(wall - offsetAt(wall - offsetAt(wall, timeZone), timeZone)).toISOString();
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

/** Today's date (YYYY-MM-DD) as the zone reads it. */
export function todayIn(timeZone: string, at = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}
