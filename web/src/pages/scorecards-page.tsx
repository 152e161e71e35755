import { FormEvent, useEffect, useState } from 'react';
import { api, RescoreJob, ScorecardDefinitionView, ScorecardVersion } from '../api';
import { DateRangeFields } from '../components/date-range-fields';
import { FieldErrors } from '../components/field-errors';
import { dayStart, useUi } from '../ui';

/**
 * The admin's scorecard editor: a version's sections, item points, critical items and grade bands
 * as fields, everything else (phrase lists, synonyms) in the JSON beside them. Saving makes the
 * next version (a card is never edited in place); the API's validation names each bad path.
 */
export function ScorecardsPage() {
  const { t, timeZone } = useUi();
  const [keys, setKeys] = useState<string[]>([]);
  const [key, setKey] = useState('');
  const [versions, setVersions] = useState<ScorecardVersion[]>([]);
  const [draft, setDraft] = useState<ScorecardDefinitionView | null>(null);
  const [json, setJson] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState('');
  const [period, setPeriod] = useState({ from: '', to: '' });
  const [job, setJob] = useState<RescoreJob | null>(null);

  useEffect(() => {
    void api.scorecards().then((list) => {
      const found = [...new Set(list.map((c) => c.key))];
      setKeys(found);
      setKey((k) => k || found[0] || '');
    }, setError);
  }, []);
  const edit = (d: ScorecardDefinitionView) => {
    setDraft(d);
    setJson(JSON.stringify(d, null, 2));
  };
  const load = async () => {
    const list = await api.scorecardVersions(key);
    setVersions(list);
    edit(list[0].definition);
  };
  useEffect(() => {
    if (key) void load().catch(setError);
  }, [key]);

  /** A field edit of one section, item or band: the form and the JSON stay one draft. */
  const update = <K extends 'sections' | 'items' | 'gradeBands'>(
    list: K,
    i: number,
    patch: Partial<ScorecardDefinitionView[K][number]>,
  ) => {
    if (!draft) return;
    edit({ ...draft, [list]: draft[list].map((x, j) => (j === i ? { ...x, ...patch } : x)) });
  };
  const attempt = async (work: () => Promise<string>) => {
    setError(null);
    setDone('');
    try {
      setDone(await work());
    } catch (err) {
      setError(err);
    }
  };
  const save = (e: FormEvent) => {
    e.preventDefault();
    void attempt(async () => {
      const definition = JSON.parse(json) as ScorecardDefinitionView;
      const saved = await api.saveScorecardVersion(key, definition);
      await load();
      return `${t('saved')}: v${saved.version}`;
    });
  };
  const activate = (version: number) =>
    void attempt(async () => {
      await api.activateScorecard(key, version);
      await load();
      return `${t('activated')}: v${version}`;
    });
  const preview = (e: FormEvent) => {
    e.preventDefault();
    const version = versions[0]?.version;
    void attempt(async () => {
      setJob(null);
      const from = dayStart(period.from, timeZone);
      const to = dayStart(period.to, timeZone, 1);
      const { jobId } = await api.rescore(key, version, from, to);
      for (let i = 0; i < 600; i++) {
        const state = await api.rescoreJob(jobId);
        setJob(state);
        if (state.result || state.state === 'failed') break;
        await new Promise((r) => setTimeout(r, 500));
      }
      return '';
    });
  };

  const sectionWeight = draft?.sections.reduce((n, s) => n + s.weight, 0) ?? 0;
  return (
    <section className="scorecards">
      <h1>{t('scorecards')}</h1>
      <label>
        {t('scorecard')}{' '}
        <select name="key" value={key} onChange={(e) => setKey(e.target.value)}>
          {keys.map((k) => (
            <option key={k}>{k}</option>
          ))}
        </select>
      </label>
      <table className="list" data-testid="versions">
        <thead>
          <tr>
            <th>{t('version')}</th>
            <th>{t('name')}</th>
            <th>{t('status')}</th>
            <th>{t('actions')}</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.version} data-version={v.version}>
              <td>v{v.version}</td>
              <td>{v.name}</td>
              <td className="status">{v.active ? t('active') : ''}</td>
              <td>
                <button type="button" onClick={() => edit(v.definition)}>
                  {t('edit')}
                </button>{' '}
                {!v.active && (
                  <button type="button" data-testid="activate" onClick={() => activate(v.version)}>
                    {t('activate')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      {draft && (
        <form onSubmit={save} data-testid="scorecard-form">
          <h2>
            {t('cardSections')} ({t('weightSum')} {sectionWeight})
          </h2>
          <div className="filters">
            {draft.sections.map((s, i) => (
              <label key={s.id}>
                {s.name}
                <input
                  name={`sections.${i}.weight`}
                  type="number"
                  value={s.weight}
                  onChange={(e) => update('sections', i, { weight: Number(e.target.value) })}
                />
              </label>
            ))}
          </div>
          <h2>{t('items')}</h2>
          <table className="list">
            <tbody>
              {draft.items.map((item, i) => (
                <tr key={item.id} data-item={item.id}>
                  <td>{item.name}</td>
                  <td>
                    <input
                      name={`items.${i}.points`}
                      type="number"
                      aria-label={t('points')}
                      value={item.points}
                      onChange={(e) => update('items', i, { points: Number(e.target.value) })}
                    />
                  </td>
                  <td>
                    <label>
                      <input
                        name={`items.${i}.critical`}
                        type="checkbox"
                        checked={Boolean(item.critical)}
                        onChange={(e) => update('items', i, { critical: e.target.checked })}
                      />{' '}
                      {t('critical')}
                    </label>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>{t('gradeBands')}</h2>
          <div className="filters">
            {draft.gradeBands.map((b, i) => (
              <label key={i}>
                {b.grade} ≥
                <input
                  name={`gradeBands.${i}.min`}
                  type="number"
                  value={b.min}
                  onChange={(e) => update('gradeBands', i, { min: Number(e.target.value) })}
                />
              </label>
            ))}
          </div>
          <details>
            <summary>{t('definitionJson')}</summary>
            <textarea
              name="definition"
              rows={16}
              value={json}
              onChange={(e) => {
                setJson(e.target.value);
                try {
                  setDraft(JSON.parse(e.target.value) as ScorecardDefinitionView);
                } catch {
                  // Half-typed JSON: the fields wait for it to parse again.
                }
              }}
            />
          </details>
          <button type="submit">{t('saveAsNewVersion')}</button>
        </form>
      )}
      <FieldErrors error={error} />
      {done && <p className="ok">{done}</p>}

      <h2>{t('dryRun')}</h2>
      <form className="filters" onSubmit={preview} data-testid="dry-run-form">
        <DateRangeFields
          from={period.from}
          to={period.to}
          onFrom={(from) => setPeriod({ ...period, from })}
          onTo={(to) => setPeriod({ ...period, to })}
          error={error}
          labels={{ from: t('from'), to: t('to') }}
        />
        <button type="submit">{t('preview')}</button>
      </form>
      {job?.result && (
        <p className="ok" data-testid="dry-run-result">
          v{versions[0]?.version}: {job.result.calls} {t('calls')} · {t('raised')}{' '}
          {job.result.raised} · {t('lowered')} {job.result.lowered} · {t('unchanged')}{' '}
          {job.result.unchanged} · {t('averageDelta')} {job.result.averageDelta}
        </p>
      )}
    </section>
  );
}
