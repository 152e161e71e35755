import { kpiOnTarget, onTargets, tenantTargets } from './kpi-targets';

describe(tenantTargets.name, () => {
  it('starts from the default targets and lets the tenant override and add', () => {
    expect(tenantTargets([])).toEqual({ complaintResolutionRate: 0.92 });
    expect(
      tenantTargets([
        { kpi: 'complaintResolutionRate', target: 0.95 },
        { kpi: 'ahtSeconds', target: 300 },
        { kpi: 'noSuchKpi', target: 1 },
      ]),
    ).toEqual({ complaintResolutionRate: 0.95, ahtSeconds: 300 });
  });
});

describe(kpiOnTarget.name, () => {
  const targets = { complaintResolutionRate: 0.92, ahtSeconds: 300 };

  it('reads the target by which way is better', () => {
    expect(kpiOnTarget('complaintResolutionRate', 0.92, targets)).toBe(true);
    expect(kpiOnTarget('complaintResolutionRate', 0.91, targets)).toBe(false);
    expect(kpiOnTarget('ahtSeconds', 300, targets)).toBe(true);
    expect(kpiOnTarget('ahtSeconds', 301, targets)).toBe(false);
  });

  it('is null without a target or a figure', () => {
    expect(kpiOnTarget('csatAvg', 4.9, targets)).toBeNull();
    expect(kpiOnTarget('ahtSeconds', null, targets)).toBeNull();
  });
});

describe(onTargets.name, () => {
  it('answers only for the KPIs asked for that have a target', () => {
    expect(
      onTargets({ complaintResolutionRate: 0.5, csatAvg: 4 }, { complaintResolutionRate: 0.92 }),
    ).toEqual({ complaintResolutionRate: false });
  });
});
