import { LineChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { FormEvent, useEffect, useRef, useState } from 'react';
import { followKpis, kpiApi, KpiDefinition, KpiSeries, KpiValues, RankedAgent } from './kpi-api';
import { useKpiText } from './kpi-i18n';

echarts.use([LineChart, GridComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

const WINDOWS = ['minute', 'hour', 'day', 'month'] as const;
/** Figures that come from calls and their evaluations: their drill-down is the evaluations list. */
const CALL_KPIS = [
  'calls',
  'qaScoreAvg',
  'threeRingRate',
  'forbiddenPer100Calls',
  'fcrRate',
  'csatAvg',
  'ahtSeconds',
];

function format(value: unknown, unit: string): string {
  if (value === null || value === undefined || typeof value === 'object') return '—';
  const n = value as number;
  if (unit === 'ratio') return `${(n * 100).toFixed(1)}%`;
  if (unit === 'hours') return `${n.toFixed(1)} h`;
  if (unit === 'seconds') return `${Math.round(n)} s`;
  if (unit === 'count') return String(Math.round(n));
  return n.toFixed(unit === 'score1to5' ? 2 : 1);
}

/** The local calendar day of an instant (sv-SE writes YYYY-MM-DD), for the evaluations filters. */
const day = (iso: string) => new Date(iso).toLocaleDateString('sv-SE');

/** Live KPI tiles, a trend chart with the target drawn, and the month's agent ranking. */
export function KpiDashboardPage() {
  const { t, lang } = useKpiText();
  const [query, setQuery] = useState({ scope: '', id: '', window: 'hour' });
  const [data, setData] = useState<KpiSeries | null>(null);
  const [defs, setDefs] = useState<KpiDefinition[]>([]);
  const [grades, setGrades] = useState<Record<string, { zh: string; en: string }>>({});
  const [ranking, setRanking] = useState<RankedAgent[]>([]);
  const [chosen, setChosen] = useState('qaScoreAvg');
  const [error, setError] = useState('');
  const [live, setLive] = useState(0);
  const chartEl = useRef<HTMLDivElement>(null);

  const load = async (q = query) => {
    setError('');
    try {
      setData(
        await kpiApi.series({
          scope: q.scope || undefined,
          id: q.id || undefined,
          window: q.window,
        }),
      );
    } catch (e) {
      setError((e as Error).message);
    }
  };

  useEffect(() => {
    void load();
    void kpiApi.definitions().then((d) => {
      setDefs(d.items.filter((x) => x.id !== 'gradeMix'));
      setGrades(Object.fromEntries(d.monthlyGrades.map((g) => [g.code, g.name])));
    });
    void kpiApi
      .agents({})
      .then((r) => setRanking(r.items))
      .catch(() => setRanking([]));
  }, []);

  // The stream of the scope the server answered for (a lead's team, an agent's own figures).
  useEffect(() => {
    if (!data) return;
    const abort = new AbortController();
    void followKpis(
      { scope: data.scope, id: data.id, window: data.window },
      (u) => {
        setLive((n) => n + 1);
        setData((d) => {
          if (!d || u.window !== d.window) return d;
          const series = d.series.filter((p) => p.bucketStart !== u.bucketStart);
          series.push({ bucketStart: u.bucketStart, values: u.values, onTarget: {} });
          series.sort((a, b) => a.bucketStart.localeCompare(b.bucketStart));
          return { ...d, series };
        });
      },
      abort.signal,
    );
    return () => abort.abort();
  }, [data?.scope, data?.id, data?.window]);

  const unitOf = (id: string) => defs.find((d) => d.id === id)?.unit ?? 'count';
  const points = data?.series ?? [];
  const current: KpiValues = points.length ? points[points.length - 1].values : {};

  useEffect(() => {
    if (!chartEl.current || !data) return;
    const chart = echarts.init(chartEl.current);
    const target = data.targets[chosen];
    chart.setOption({
      tooltip: { trigger: 'axis' },
      grid: { left: 50, right: 20, bottom: 30, top: 20 },
      xAxis: { type: 'time' },
      yAxis: { type: 'value' },
      series: [
        {
          name: chosen,
          type: 'line',
          showSymbol: true,
          data: points.map((p) => [p.bucketStart, p.values[chosen] ?? null]),
          markLine:
            target === undefined
              ? undefined
              : {
                  symbol: 'none',
                  data: [{ yAxis: target, name: t('target') }],
                  label: { formatter: t('target') },
                },
        },
      ],
    });
    return () => chart.dispose();
  }, [points, chosen, lang]);

  const drill = (kpi: string, bucketStart?: string): string => {
    if (!CALL_KPIS.includes(kpi)) return '#/complaints';
    const q = new URLSearchParams();
    if (data?.scope === 'team') q.set('teamId', data.id);
    if (data?.scope === 'agent') q.set('agentId', data.id);
    const from = bucketStart ?? data?.from;
    if (from) q.set('from', day(from));
    if (data) q.set('to', day(new Date(Date.parse(data.to) - 1).toISOString()));
    return `#/evaluations?${q.toString()}`;
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void load();
  };
  const name = (d: { zh: string; en: string }) => (lang === 'zh' ? d.zh : d.en);

  return (
    <section className="kpis">
      <form className="filters" onSubmit={submit}>
        <label>
          {t('scope')}
          <select
            value={query.scope}
            onChange={(e) => setQuery({ ...query, scope: e.target.value })}
          >
            <option value="" />
            <option value="tenant">{t('tenant')}</option>
            <option value="team">{t('team')}</option>
            <option value="agent">{t('agent')}</option>
          </select>
        </label>
        <label>
          {t('id')}
          <input
            name="id"
            value={query.id}
            onChange={(e) => setQuery({ ...query, id: e.target.value })}
          />
        </label>
        <label>
          {t('window')}
          <select
            value={query.window}
            onChange={(e) => setQuery({ ...query, window: e.target.value })}
          >
            {WINDOWS.map((w) => (
              <option key={w} value={w}>
                {t(w)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t('show')}</button>
        {data && (
          <span className="muted" data-testid="kpi-scope">
            {t(data.scope)} {data.id} · {t('live')} {live}
          </span>
        )}
      </form>
      {error && <p className="error">{error}</p>}
      <div className="tiles">
        {defs.map((d) => {
          const value = current[d.id];
          const target = data?.targets[d.id];
          const ok =
            target === undefined || typeof value !== 'number'
              ? null
              : d.better === 'up'
                ? value >= target
                : value <= target;
          return (
            <div
              key={d.id}
              className={`tile ${chosen === d.id ? 'chosen' : ''} ${ok === null ? '' : ok ? 'ok' : 'off'}`}
              data-testid={`kpi-tile-${d.id}`}
              title={name(d.formula)}
              onClick={() => setChosen(d.id)}
            >
              <div className="tile-name">{name(d.name)}</div>
              <div className="tile-value" data-testid={`kpi-value-${d.id}`}>
                {format(value, d.unit)}
              </div>
              {target !== undefined && (
                <div className="tile-target">
                  {t('target')} {format(target, d.unit)} ·{' '}
                  {ok === null ? t('noData') : ok ? t('onTarget') : t('offTarget')}
                </div>
              )}
              <a
                href={drill(d.id, points.at(-1)?.bucketStart)}
                onClick={(e) => e.stopPropagation()}
              >
                {t('drill')}
              </a>
            </div>
          );
        })}
      </div>
      <h3>
        {t('chartOf')}:{' '}
        {name(defs.find((d) => d.id === chosen)?.name ?? { zh: chosen, en: chosen })}
      </h3>
      <div ref={chartEl} className="chart" style={{ height: 280 }} data-testid="kpi-chart" />
      <p className="muted">
        {points.length === 0 ? t('noData') : `${format(data?.totals[chosen], unitOf(chosen))}`}
      </p>
      <h3>{t('ranking')}</h3>
      <table data-testid="kpi-ranking">
        <thead>
          <tr>
            <th>{t('rank')}</th>
            <th>{t('agent')}</th>
            <th>{t('team')}</th>
            <th>{t('evaluated')}</th>
            <th>{t('average')}</th>
            <th>{t('monthlyGrade')}</th>
          </tr>
        </thead>
        <tbody>
          {ranking.map((r) => (
            <tr key={r.agentId} className={r.flagged ? 'flagged' : ''}>
              <td>{r.rank}</td>
              <td>
                <a
                  href="#/kpis"
                  onClick={(e) => {
                    e.preventDefault();
                    const q = { ...query, scope: 'agent', id: r.agentId };
                    setQuery(q);
                    void load(q);
                  }}
                >
                  {r.agentId}
                </a>
              </td>
              <td>{r.teamId}</td>
              <td>{r.evaluated}</td>
              <td>{r.qaScoreAvg.toFixed(1)}</td>
              <td>
                {grades[r.grade] ? name(grades[r.grade]) : r.grade}
                {r.flagged && <strong title={t('flagged')}> ⚠ {t('flagged')}</strong>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
