import { FormEvent, useEffect, useMemo, useState } from 'react';
import { csvUrl } from '../csv';
import { api, EvaluationSummary, Session } from '../api';
import { dayStart, useUi } from '../ui';
import { GRADE_NAMES, gradeName, gradeOf, listOf, RULE_NAMES, ruleName } from '../i18n';
import { UPLOADERS } from '../nav';

const FILTERS = ['callId', 'teamId', 'agentId', 'from', 'to', 'grade', 'ruleFailed'] as const;

/** Columns a click sorts by (the loaded rows, in the browser), and the value each compares. */
const SORTS = {
  startedAt: (e: EvaluationSummary) => e.callStartedAt,
  call: (e: EvaluationSummary) => e.callId,
  team: (e: EvaluationSummary) => e.teamId,
  agent: (e: EvaluationSummary) => e.agentId,
  score: (e: EvaluationSummary) => e.score,
  reviewStatus: (e: EvaluationSummary) => e.status,
} as const;
type SortKey = keyof typeof SORTS;

/** The most rows an export fetches (pages of the API, one after another). */
const EXPORT_LIMIT = 10_000;

export function EvaluationsPage({ user }: { user: Session }) {
  const { t, lang, when, timeZone } = useUi();
  // A drill-down from a KPI arrives as #/evaluations?teamId=…&from=…: start with those filters.
  const [filters, setFilters] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      [...new URLSearchParams(location.hash.split('?')[1] ?? '')].filter(([k]) =>
        (FILTERS as readonly string[]).includes(k),
      ),
    ),
  );
  const [items, setItems] = useState<EvaluationSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean } | null>(null);
  const [csv, setCsv] = useState<{ url: string; rows: number; capped: boolean } | null>(null);

  const query = (): Record<string, string> => {
    const q: Record<string, string> = { ...filters };
    // Dates are whole days in the tenant's time zone; "to" includes its day.
    if (q.from) q.from = dayStart(q.from, timeZone);
    if (q.to) q.to = new Date(Date.parse(dayStart(q.to, timeZone, 1)) - 1).toISOString();
    // The grade as the API names it, whichever language it was typed in.
    if (q.grade) q.grade = gradeOf(q.grade);
    return q;
  };
  const load = async (more: boolean) => {
    setError('');
    setCsv(null);
    try {
      const q = query();
      if (more && cursor) q.cursor = cursor;
      const page = await api.evaluations(q);
      setItems(more ? [...items, ...page.items] : page.items);
      setCursor(page.nextCursor);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  useEffect(() => {
    void load(false);
  }, []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void load(false);
  };
  const rows = useMemo(() => {
    if (!sort) return items;
    const value = SORTS[sort.key];
    const sign = sort.desc ? -1 : 1;
    return [...items].sort((a, b) =>
      value(a) < value(b) ? -sign : value(a) > value(b) ? sign : 0,
    );
  }, [items, sort]);
  const sortBy = (key: SortKey) =>
    setSort((s) => (s?.key === key ? { key, desc: !s.desc } : { key, desc: key === 'score' }));
  /** Every evaluation the filters find (not only the loaded page), as the table shows them. */
  const exportCsv = async () => {
    setError('');
    try {
      const all: EvaluationSummary[] = [];
      let next: string | null = null;
      do {
        const page = await api.evaluations({ ...query(), ...(next ? { cursor: next } : {}) });
        all.push(...page.items);
        next = page.nextCursor;
      } while (next && all.length < EXPORT_LIMIT);
      const head = [t('startedAt'), t('call'), t('team'), t('agent'), t('score'), t('grade')];
      const url = csvUrl([
        [...head, t('reviewStatus'), t('ruleFailed')],
        ...all
          .slice(0, EXPORT_LIMIT)
          .map((e) => [
            when(e.callStartedAt),
            e.callId,
            e.teamId,
            e.agentId,
            e.score,
            gradeName(e.grade, lang),
            t(e.status),
            e.failedRules.join(' '),
          ]),
      ]);
      setCsv({ url, rows: Math.min(all.length, EXPORT_LIMIT), capped: next !== null });
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const header = (key: SortKey) => (
    <th
      aria-sort={sort?.key !== key ? 'none' : sort.desc ? 'descending' : 'ascending'}
      data-sort={key}
    >
      <button type="button" className="link" onClick={() => sortBy(key)}>
        {t(key)}
        {sort?.key === key ? (sort.desc ? ' ▼' : ' ▲') : ''}
      </button>
    </th>
  );
  const label: Record<(typeof FILTERS)[number], string> = {
    callId: t('call'),
    teamId: t('team'),
    agentId: t('agent'),
    from: t('from'),
    to: t('to'),
    grade: t('grade'),
    ruleFailed: t('ruleFailed'),
  };
  return (
    <section>
      {UPLOADERS.includes(user.role) && (
        <p className="page-actions">
          <a href="#/calls/upload" data-testid="upload-link">
            {t('uploadCalls')}
          </a>
        </p>
      )}
      <form className="filters" onSubmit={submit}>
        {FILTERS.filter((f) => !(f === 'agentId' && user.role === 'agent')).map((f) => (
          <label key={f}>
            {label[f]}
            {f === 'ruleFailed' ? (
              <select
                value={filters[f] ?? ''}
                onChange={(e) => setFilters({ ...filters, [f]: e.target.value })}
              >
                <option value="" />
                {Object.entries(RULE_NAMES).map(([id, names]) => (
                  <option key={id} value={id}>
                    {names[lang === 'zh' ? 0 : 1]}
                  </option>
                ))}
              </select>
            ) : (
              <input
                type={f === 'from' || f === 'to' ? 'date' : 'text'}
                list={f === 'grade' ? 'grades' : undefined}
                name={f}
                value={filters[f] ?? ''}
                onChange={(e) => setFilters({ ...filters, [f]: e.target.value })}
              />
            )}
          </label>
        ))}
        <datalist id="grades">
          {Object.keys(GRADE_NAMES).map((g) => (
            <option key={g} value={gradeName(g, lang)} />
          ))}
        </datalist>
        <button type="submit">{t('search')}</button>
      </form>
      {error && <p className="error">{error}</p>}
      <p className="page-actions">
        <button type="button" data-testid="export-evaluations" onClick={() => void exportCsv()}>
          {t('exportCsv')}
        </button>{' '}
        {csv && (
          <a href={csv.url} download="evaluations.csv" data-testid="evaluations-csv">
            evaluations.csv ({csv.rows}
            {csv.capped ? `, ${t('exportCapped')}` : ''})
          </a>
        )}
      </p>
      <table className="list" data-testid="evaluations">
        <thead>
          <tr>
            {header('startedAt')}
            {header('call')}
            {header('team')}
            {header('agent')}
            {header('score')}
            <th>{t('grade')}</th>
            {header('reviewStatus')}
            <th>{t('ruleFailed')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((e) => (
            <tr key={e.id}>
              <td>{when(e.callStartedAt)}</td>
              <td>
                <a href={`#/evaluations/${e.id}`}>{e.callId}</a>
              </td>
              <td>{e.teamId}</td>
              <td>{e.agentId}</td>
              <td className="num">{e.score}</td>
              <td>{gradeName(e.grade, lang)}</td>
              <td data-status={e.status}>{t(e.status)}</td>
              <td>
                {listOf(
                  e.failedRules.map((r) => ruleName(r, lang)),
                  lang,
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {items.length === 0 && <p>{t('noResults')}</p>}
      {cursor && (
        <button type="button" onClick={() => void load(true)}>
          {t('more')}
        </button>
      )}
    </section>
  );
}
