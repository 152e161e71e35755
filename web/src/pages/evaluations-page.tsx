import { FormEvent, useEffect, useState } from 'react';
import { api, EvaluationSummary, Session } from '../api';
import { dayStart, useUi } from '../ui';
import { GRADE_NAMES, gradeName, gradeOf, listOf, RULE_NAMES, ruleName } from '../i18n';
import { UPLOADERS } from '../nav';

const FILTERS = ['callId', 'teamId', 'agentId', 'from', 'to', 'grade', 'ruleFailed'] as const;

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

  const load = async (more: boolean) => {
    setError('');
    try {
      const q: Record<string, string> = { ...filters };
      // Dates are whole days in the tenant's time zone; "to" includes its day.
      if (q.from) q.from = dayStart(q.from, timeZone);
      if (q.to) q.to = new Date(Date.parse(dayStart(q.to, timeZone, 1)) - 1).toISOString();
      // The grade as the API names it, whichever language it was typed in.
      if (q.grade) q.grade = gradeOf(q.grade);
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
      <table className="list" data-testid="evaluations">
        <thead>
          <tr>
            <th>{t('startedAt')}</th>
            <th>{t('call')}</th>
            <th>{t('team')}</th>
            <th>{t('agent')}</th>
            <th>{t('score')}</th>
            <th>{t('grade')}</th>
            <th>{t('reviewStatus')}</th>
            <th>{t('ruleFailed')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((e) => (
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
