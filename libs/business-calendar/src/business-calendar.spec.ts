import {
  addCounted,
  BusinessCalendar,
  businessHoursBetween,
  countedMinutes,
  DEFAULT_CALENDAR,
  endOfWorkingDay,
  isWorkingDay,
  validateCalendar,
} from './business-calendar';

/** Beijing local time. */
const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const cal = (over: Partial<BusinessCalendar> = {}): BusinessCalendar => ({
  ...DEFAULT_CALENDAR,
  ...over,
});

describe('business calendar', () => {
  describe('working days', () => {
    it('knows weekends, Chinese public holidays and adjusted working days (调休)', () => {
      expect(isWorkingDay(cal(), '2026-11-27')).toBe(true); // Friday
      expect(isWorkingDay(cal(), '2026-11-28')).toBe(false); // Saturday
      expect(isWorkingDay(cal(), '2026-10-01')).toBe(false); // National Day
      expect(isWorkingDay(cal(), '2026-10-10')).toBe(true); // Saturday worked for National Day
    });

    it("lets the tenant's own list win over the package", () => {
      const own = cal({ holidays: ['2026-12-01'], workdays: ['2026-11-28'] });
      expect(isWorkingDay(own, '2026-12-01')).toBe(false);
      expect(isWorkingDay(own, '2026-11-28')).toBe(true);
    });

    it('counts only weekdays without the holiday source', () => {
      expect(isWorkingDay(cal({ holidaySource: 'none' }), '2026-10-01')).toBe(true);
      expect(isWorkingDay(cal({ holidaySource: 'none' }), '2026-10-10')).toBe(false);
    });
  });

  describe('deadlines in working time (09:00–12:00, 13:30–18:00)', () => {
    const due = (from: string, minutes: number, c = cal()) =>
      addCounted(c, 'business_hours', at(from), minutes).toISOString();

    it('carries a deadline across a weekend', () => {
      expect(due('2026-11-27 17:50', 30)).toBe(at('2026-11-30 09:20').toISOString());
    });

    it('skips a public holiday week', () => {
      expect(due('2026-09-30 17:45', 30)).toBe(at('2026-10-08 09:15').toISOString());
    });

    it('counts an adjusted working day (a Saturday worked)', () => {
      expect(due('2026-10-09 17:50', 30)).toBe(at('2026-10-10 09:20').toISOString());
    });

    it('stops the clock over the lunch break', () => {
      expect(due('2026-11-30 11:45', 30)).toBe(at('2026-11-30 13:45').toISOString());
    });

    it('starts counting at opening time when opened at night', () => {
      expect(due('2026-11-30 22:00', 30)).toBe(at('2026-12-01 09:30').toISOString());
    });

    it("follows the tenant's own company holiday", () => {
      expect(due('2026-11-30 17:50', 30, cal({ holidays: ['2026-12-01'] }))).toBe(
        at('2026-12-02 09:20').toISOString(),
      );
    });

    it('counts minutes between two instants with the same rules', () => {
      expect(
        countedMinutes(cal(), 'business_hours', at('2026-11-27 17:00'), at('2026-11-30 10:00')),
      ).toBe(120);
      expect(
        countedMinutes(cal(), 'business_hours', at('2026-11-30 11:00'), at('2026-11-30 14:00')),
      ).toBe(90);
    });
  });

  describe('calendar days and working days (regulator presets)', () => {
    it('counts calendar days straight through weekends and holidays (financial complaints)', () => {
      expect(addCounted(cal(), 'calendar', at('2026-09-30 17:00'), 15 * 1440).toISOString()).toBe(
        at('2026-10-15 17:00').toISOString(),
      );
    });

    it('counts whole working days over the National Day holiday and its 调休 Saturday (12315)', () => {
      expect(
        addCounted(cal(), 'working_days', at('2026-09-30 10:00'), 7 * 1440).toISOString(),
      ).toBe(at('2026-10-15 10:00').toISOString());
    });
  });

  describe('end of the working day', () => {
    it('is the end of the last period today, or of the next working day after hours', () => {
      expect(endOfWorkingDay(cal(), at('2026-11-30 15:00')).toISOString()).toBe(
        at('2026-11-30 18:00').toISOString(),
      );
      expect(endOfWorkingDay(cal(), at('2026-11-27 19:00')).toISOString()).toBe(
        at('2026-11-30 18:00').toISOString(),
      );
    });
  });

  describe('validation', () => {
    it('accepts the default and names every bad field', () => {
      expect(validateCalendar(cal())).toEqual([]);
      const bad = validateCalendar(
        cal({
          periods: [
            { start: '13:00', end: '12:00' },
            { start: '9:00', end: '10:00' },
          ],
          weekdays: [7],
          holidays: ['2026-13-45'],
        }),
      );
      expect(bad.map((p) => p.path)).toEqual([
        'calendar.periods.0',
        'calendar.periods.1',
        'calendar.weekdays',
        'calendar.holidays.0',
      ]);
    });

    it('refuses a calendar with no working time instead of looping', () => {
      const never = cal({ weekdays: [], holidaySource: 'none' });
      expect(() => addCounted(never, 'business_hours', at('2026-11-30 09:00'), 30)).toThrow(
        'no working time',
      );
    });
  });
});

describe(businessHoursBetween.name, () => {
  const at = (iso: string) => new Date(iso);
  const nineToSix: BusinessCalendar = {
    ...DEFAULT_CALENDAR,
    periods: [{ start: '09:00', end: '18:00' }],
  };

  it('counts the working periods of working days only', () => {
    // Fri 2026-11-27 17:00 → Mon 2026-11-30 10:00 (+08:00): 1 h on Friday, 1 h on Monday.
    expect(
      businessHoursBetween(
        DEFAULT_CALENDAR,
        at('2026-11-27T17:00:00+08:00'),
        at('2026-11-30T10:00:00+08:00'),
      ),
    ).toBe(2);
    // One evening, outside hours at both ends: nothing.
    expect(
      businessHoursBetween(
        DEFAULT_CALENDAR,
        at('2026-11-23T19:00:00+08:00'),
        at('2026-11-23T21:00:00+08:00'),
      ),
    ).toBe(0);
  });

  it("follows the tenant's periods: the default lunch break is not counted, a 09:00–18:00 day counts it", () => {
    // Mon 2026-11-23 11:00 → 14:00: 11:00–12:00 and 13:30–14:00 by default; all three hours in 09:00–18:00.
    const from = at('2026-11-23T11:00:00+08:00');
    const to = at('2026-11-23T14:00:00+08:00');
    expect(businessHoursBetween(DEFAULT_CALENDAR, from, to)).toBe(1.5);
    expect(businessHoursBetween(nineToSix, from, to)).toBe(3);
  });

  it('skips public holidays and works make-up Saturdays (调休)', () => {
    // 2026-10-01..07 National Day holiday: the whole span is off.
    expect(
      businessHoursBetween(
        DEFAULT_CALENDAR,
        at('2026-10-01T08:00:00+08:00'),
        at('2026-10-03T08:00:00+08:00'),
      ),
    ).toBe(0);
    // Sat 2026-10-10 is a make-up working day.
    expect(
      businessHoursBetween(
        DEFAULT_CALENDAR,
        at('2026-10-10T09:00:00+08:00'),
        at('2026-10-10T10:00:00+08:00'),
      ),
    ).toBe(1);
  });
});
