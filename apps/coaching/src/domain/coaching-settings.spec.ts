import { DEFAULT_SETTINGS, mergeSettings } from './coaching-settings';

describe(mergeSettings.name, () => {
  it('takes a subset and keeps the rest', () => {
    const r = mergeSettings(DEFAULT_SETTINGS, { threshold: { failures: 2 } });
    expect(r.settings).toEqual({ ...DEFAULT_SETTINGS, threshold: { failures: 2, window: 10 } });
  });

  it('names every bad field', () => {
    const r = mergeSettings(DEFAULT_SETTINGS, {
      threshold: { failures: 11, window: 10 },
      calendar: { weekdays: [7] },
      colour: 'red',
    });
    expect(r.errors.map((e) => e.path).sort()).toEqual([
      'calendar.weekdays',
      'colour',
      'threshold.failures',
    ]);
  });
});
