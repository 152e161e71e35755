import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { FormEvent, memo, useEffect, useRef, useState } from 'react';
import { complaintsApi, StatsItem } from './complaints-api';
import { useComplaintsText } from './complaints-i18n';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const DIMENSIONS = ['category', 'rootCause', 'department', 'team', 'agent'] as const;
const SERIES = ['opened', 'resolved', 'closed', 'reopened', 'repeat'] as const;

/** The user's local date (sv-SE writes YYYY-MM-DD). */
const isoDay = (d: Date) => d.toLocaleDateString('sv-SE');

/** 顾客投诉分类统计表 as a chart and a table, exportable as CSV (memo: the board ticks each second). */
export const ComplaintStats = memo(function ComplaintStats() {
  const { t, lang } = useComplaintsText();
  const [q, setQ] = useState({
    from: isoDay(new Date(Date.now() - 30 * 86_400_000)),
    to: isoDay(new Date()),
    by: 'category',
  });
  const [items, setItems] = useState<StatsItem[]>([]);
  const [error, setError] = useState('');
  const [csv, setCsv] = useState('');
  const chartEl = useRef<HTMLDivElement>(null);

  const load = async () => {
    setError('');
    try {
      setItems((await complaintsApi.stats(q)).items);
      setCsv(await complaintsApi.statsCsv(q));
    } catch (e) {
      setError((e as Error).message);
    }
  };
  useEffect(() => void load(), []);
  useEffect(() => {
    if (!chartEl.current) return;
    const chart = echarts.init(chartEl.current);
    chart.setOption({
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: SERIES.map((s) => t(s)) },
      grid: { left: 40, right: 20, bottom: 30, top: 40 },
      xAxis: { type: 'category', data: items.map((i) => i.key) },
      yAxis: { type: 'value', minInterval: 1 },
      series: SERIES.map((s) => ({ name: t(s), type: 'bar', data: items.map((i) => i[s]) })),
    });
    return () => chart.dispose();
  }, [items, lang]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void load();
  };
  const dimLabel = (d: string) =>
    d === 'rootCause'
      ? t('rootCauseDim')
      : d === 'department'
        ? t('departmentDim')
        : t(d as 'category');

  return (
    <section className="stats" data-testid="complaint-stats">
      <h3>{t('stats')}</h3>
      <form className="filters" onSubmit={submit}>
        <label>
          {t('from')}
          <input
            type="date"
            value={q.from}
            onChange={(e) => setQ({ ...q, from: e.target.value })}
          />
        </label>
        <label>
          {t('to')}
          <input type="date" value={q.to} onChange={(e) => setQ({ ...q, to: e.target.value })} />
        </label>
        <label>
          {t('by')}
          <select name="by" value={q.by} onChange={(e) => setQ({ ...q, by: e.target.value })}>
            {DIMENSIONS.map((d) => (
              <option key={d} value={d}>
                {dimLabel(d)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t('show')}</button>
        {csv && (
          <a href={csv} download={`complaints-by-${q.by}.csv`} data-testid="stats-csv">
            {t('exportCsv')}
          </a>
        )}
      </form>
      {error && <p className="error">{error}</p>}
      <div ref={chartEl} className="chart" data-testid="stats-chart" />
      <table className="list">
        <thead>
          <tr>
            <th>{dimLabel(q.by)}</th>
            {[...SERIES, 'medianHoursToClose', 'onTimeCallbackRate'].map((s) => (
              <th key={s}>{t(s as (typeof SERIES)[number])}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.key}>
              <td>{i.key}</td>
              {SERIES.map((s) => (
                <td key={s} className="num">
                  {i[s]}
                </td>
              ))}
              <td className="num">{i.medianHoursToClose ?? '—'}</td>
              <td className="num">
                {i.onTimeCallbackRate === null ? '—' : `${Math.round(i.onTimeCallbackRate * 100)}%`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
});
