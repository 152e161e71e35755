import { useCoachingText } from './coaching-i18n';

type Tab = 'tabQueue' | 'tabTrend' | 'tabPlans' | 'tabTrainingCalls' | 'tabPromotion';

const TABS: { key: Tab; href: string; leadsOnly?: boolean }[] = [
  { key: 'tabQueue', href: '#/coaching' },
  { key: 'tabTrend', href: '#/coaching/trend' },
  { key: 'tabPlans', href: '#/coaching/plans' },
  { key: 'tabTrainingCalls', href: '#/coaching/training-calls' },
  { key: 'tabPromotion', href: '#/coaching/promotion', leadsOnly: true },
];

/** The coaching pages' own links; promotion rounds are for leads and admins only. */
export function CoachingTabs({ role, current }: { role: string; current: Tab }) {
  const { t } = useCoachingText();
  return (
    <nav className="tabs" aria-label="coaching">
      {TABS.filter((tab) => !tab.leadsOnly || role !== 'agent').map((tab) => (
        <a
          key={tab.key}
          href={tab.href}
          className={tab.key === current ? 'active' : ''}
          data-tab={tab.key}
        >
          {tab.key === 'tabQueue' && role === 'agent' ? t('mine') : t(tab.key)}
        </a>
      ))}
    </nav>
  );
}

/** A hash route's query parameters (#/coaching/trend?agentId=a-1). */
export function hashQuery(): URLSearchParams {
  const q = location.hash.indexOf('?');
  return new URLSearchParams(q === -1 ? '' : location.hash.slice(q + 1));
}

/** A rate as a whole percent with its counts, or a dash when nothing applied. */
export const percent = (r: { passed: number; applicable: number; rate: number | null }) =>
  r.rate === null ? '—' : `${Math.round(r.rate * 100)}% (${r.passed}/${r.applicable})`;
