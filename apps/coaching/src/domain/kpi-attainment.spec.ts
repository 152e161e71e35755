import { KpiFigure, kpiAttainment, monthOfBucket } from './kpi-attainment';

const fig = (month: string, kpi: string, onTarget: boolean): KpiFigure => ({
  month,
  kpi,
  value: onTarget ? 0.95 : 0.8,
  target: 0.92,
  onTarget,
});

describe(kpiAttainment.name, () => {
  const q4 = { from: '2026-10', to: '2026-12' };

  it('is the share of figures with a target that met it, over the round’s months', () => {
    // Oct: resolution on, AHT off; Nov: resolution on, CSAT on; Dec: resolution off → 3 of 5 = 60.
    const a = kpiAttainment(
      [
        fig('2026-10', 'complaintResolutionRate', true),
        fig('2026-10', 'ahtSeconds', false),
        fig('2026-11', 'csatAvg', true),
        fig('2026-11', 'complaintResolutionRate', true),
        fig('2026-12', 'complaintResolutionRate', false),
      ],
      q4,
    );
    expect(a).toMatchObject({ attainment: 60, onTarget: 3, withTarget: 5 });
    // The figures come back as every input of the share, by month then KPI.
    expect(a.figures.map((f) => `${f.month} ${f.kpi}`)).toEqual([
      '2026-10 ahtSeconds',
      '2026-10 complaintResolutionRate',
      '2026-11 complaintResolutionRate',
      '2026-11 csatAvg',
      '2026-12 complaintResolutionRate',
    ]);
  });

  it('rounds to two decimals (1 of 3 → 33.33, 2 of 3 → 66.67)', () => {
    const three = (on: number) =>
      ['2026-10', '2026-11', '2026-12'].map((m, i) => fig(m, 'complaintResolutionRate', i < on));
    expect(kpiAttainment(three(1), q4).attainment).toBe(33.33);
    expect(kpiAttainment(three(2), q4).attainment).toBe(66.67);
    expect(kpiAttainment(three(3), q4).attainment).toBe(100);
    expect(kpiAttainment(three(0), q4).attainment).toBe(0);
  });

  it('leaves out months outside the round', () => {
    const a = kpiAttainment(
      [
        fig('2026-09', 'complaintResolutionRate', false),
        fig('2026-11', 'complaintResolutionRate', true),
        fig('2027-01', 'complaintResolutionRate', false),
      ],
      q4,
    );
    expect(a).toMatchObject({ attainment: 100, onTarget: 1, withTarget: 1 });
  });

  it('is null, not 0, when the agent has no figure with a target in the round', () => {
    expect(kpiAttainment([], q4)).toEqual({
      attainment: null,
      onTarget: 0,
      withTarget: 0,
      figures: [],
    });
    expect(kpiAttainment([fig('2026-09', 'csatAvg', true)], q4).attainment).toBeNull();
  });
});

describe(monthOfBucket.name, () => {
  it.each([
    ['2026-11-01T00:00:00.000Z', '2026-11'],
    // Asia/Shanghai's November starts on 31 October in UTC.
    ['2026-10-31T16:00:00.000Z', '2026-11'],
    // Pacific/Kiritimati (UTC+14) and UTC−12 at the year's ends.
    ['2026-12-31T10:00:00.000Z', '2027-01'],
    ['2026-02-01T12:00:00.000Z', '2026-02'],
  ])('%s starts %s', (start, month) => expect(monthOfBucket(start)).toBe(month));
});
