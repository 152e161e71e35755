import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { FormEvent, useEffect, useRef, useState } from 'react';
import { FieldErrors } from '../../components/field-errors';
import { AgreementReport, reviewApi } from './review-api';
import { useReviewText } from './review-i18n';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const day = (d: Date) => d.toISOString().slice(0, 10);
const ratio = (v: number | null) => (v == null ? '—' : v.toFixed(2));

/** Per rule: how often people confirm or reverse the engine, precision of its fails, kappa. */
export function AgreementPage() {
  const { t, rule, lang } = useReviewText();
  const [q, setQ] = useState(() => ({
    from: day(new Date(Date.now() - 28 * 86_400_000)),
    to: day(new Date()),
  }));
  const [report, setReport] = useState<AgreementReport | null>(null);
  const items = report?.items ?? null;
  const [error, setError] = useState<unknown>(null);
  const chartEl = useRef<HTMLDivElement>(null);
  const load = async () => {
    setError(null);
    try {
      setReport(await reviewApi.agreement(q));
    } catch (e) {
      setError(e);
    }
  };
  useEffect(() => void load(), []);
  useEffect(() => {
    if (!chartEl.current || !items?.length) return;
    const chart = echarts.init(chartEl.current);
    const series = ['precisionOfFails', 'kappa'] as const;
    chart.setOption({
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: series.map((s) => t(s)) },
      grid: { left: 40, right: 20, bottom: 60, top: 40 },
      xAxis: {
        type: 'category',
        data: items.map((i) => rule(i.ruleId)),
        axisLabel: { rotate: 20 },
      },
      yAxis: { type: 'value', min: -1, max: 1 },
      series: series.map((s) => ({ name: t(s), type: 'bar', data: items.map((i) => i[s]) })),
    });
    return () => chart.dispose();
  }, [items, lang]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void load();
  };
  return (
    <section data-testid="agreement-page">
      <h2>{t('agreement')}</h2>
      <form className="filters" onSubmit={submit}>
        <label>
          {t('from')}
          <input
            type="date"
            name="from"
            value={q.from}
            onChange={(e) => setQ({ ...q, from: e.target.value })}
          />
        </label>
        <label>
          {t('to')}
          <input
            type="date"
            name="to"
            value={q.to}
            onChange={(e) => setQ({ ...q, to: e.target.value })}
          />
        </label>
        <button type="submit">{t('show')}</button>
      </form>
      <FieldErrors error={error} />
      {items && items.length > 0 && (
        <div className="chart" ref={chartEl} data-testid="agreement-chart" />
      )}
      <table className="list" data-testid="agreement">
        <thead>
          <tr>
            <th>{t('finding')}</th>
            <th className="num">{t('reviewed')}</th>
            <th className="num">{t('confirmed')}</th>
            <th className="num">{t('overridden')}</th>
            <th className="num">{t('precisionOfFails')}</th>
            <th className="num">{t('kappa')}</th>
          </tr>
        </thead>
        <tbody>
          {(items ?? []).map((i) => (
            <tr key={i.ruleId} data-agreement-rule={i.ruleId}>
              <td>{rule(i.ruleId)}</td>
              <td className="num" data-col="reviewed">
                {i.reviewed}
              </td>
              <td className="num" data-col="confirmed">
                {i.confirmed}
              </td>
              <td className="num" data-col="overridden">
                {i.overridden}
              </td>
              <td className="num" data-col="precisionOfFails">
                {ratio(i.precisionOfFails)}
              </td>
              <td className="num" data-col="kappa">
                {ratio(i.kappa)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {items?.length === 0 && <p>{t('noData')}</p>}
      {report && report.byWeek.length > 0 && (
        <>
          <h3>{t('byWeek')}</h3>
          <table className="list" data-testid="agreement-weeks">
            <thead>
              <tr>
                <th>{t('week')}</th>
                <th>{t('finding')}</th>
                <th className="num">{t('reviewed')}</th>
                <th className="num">{t('overridden')}</th>
                <th className="num">{t('precisionOfFails')}</th>
                <th className="num">{t('kappa')}</th>
              </tr>
            </thead>
            <tbody>
              {report.byWeek.flatMap((w) =>
                w.items.map((i) => (
                  <tr key={`${w.week}${i.ruleId}`}>
                    <td>{w.week}</td>
                    <td>{rule(i.ruleId)}</td>
                    <td className="num">{i.reviewed}</td>
                    <td className="num">{i.overridden}</td>
                    <td className="num">{ratio(i.precisionOfFails)}</td>
                    <td className="num">{ratio(i.kappa)}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
