import { generatePayPeriods, periodContaining, PayScheduleRule } from './pay-periods';

const lastWorkingDay = { kind: 'last_working_day' } as const;

describe('generatePayPeriods', () => {
  it('monthly: whole months, month ends and the leap day', () => {
    const periods = generatePayPeriods({ frequency: 'monthly', payDateRule: lastWorkingDay }, '2028-01-15', '2028-03-01');
    expect(periods.map((p) => [p.start, p.end])).toEqual([
      ['2028-01-01', '2028-01-31'],
      ['2028-02-01', '2028-02-29'],
      ['2028-03-01', '2028-03-31'],
    ]);
    expect(generatePayPeriods({ frequency: 'monthly', payDateRule: lastWorkingDay }, '2027-02-10', '2027-02-10')[0].end).toBe('2027-02-28');
    expect(generatePayPeriods({ frequency: 'monthly', payDateRule: lastWorkingDay }, '2100-02-10', '2100-02-10')[0].end).toBe('2100-02-28');
    expect(generatePayPeriods({ frequency: 'monthly', payDateRule: lastWorkingDay }, '2000-02-10', '2000-02-10')[0].end).toBe('2000-02-29');
  });

  it('monthly across a year end', () => {
    const periods = generatePayPeriods({ frequency: 'monthly', payDateRule: lastWorkingDay }, '2026-12-31', '2027-01-01');
    expect(periods.map((p) => p.start)).toEqual(['2026-12-01', '2027-01-01']);
  });

  it('semi-monthly: 1–15 and 16–end of month', () => {
    const periods = generatePayPeriods({ frequency: 'semi_monthly', payDateRule: lastWorkingDay }, '2028-02-15', '2028-03-16');
    expect(periods.map((p) => [p.start, p.end])).toEqual([
      ['2028-02-01', '2028-02-15'],
      ['2028-02-16', '2028-02-29'],
      ['2028-03-01', '2028-03-15'],
      ['2028-03-16', '2028-03-31'],
    ]);
  });

  it('bi-weekly: periods of 14 days from the anchor, also before it', () => {
    const rule: PayScheduleRule = { frequency: 'bi_weekly', anchorDate: '2026-01-05', payDateRule: { kind: 'days_after_period_end', days: 5 } };
    const periods = generatePayPeriods(rule, '2026-01-01', '2026-01-20');
    expect(periods.map((p) => [p.start, p.end])).toEqual([
      ['2025-12-22', '2026-01-04'],
      ['2026-01-05', '2026-01-18'],
      ['2026-01-19', '2026-02-01'],
    ]);
    expect(periodContaining(rule, '2026-12-31').start).toBe('2026-12-21');
  });

  it('weekly needs an anchor', () => {
    expect(() => generatePayPeriods({ frequency: 'weekly', payDateRule: lastWorkingDay }, '2026-01-01', '2026-01-02')).toThrow('anchor');
    const weekly = generatePayPeriods({ frequency: 'weekly', anchorDate: '2026-01-05', payDateRule: lastWorkingDay }, '2026-01-05', '2026-01-18');
    expect(weekly.map((p) => p.end)).toEqual(['2026-01-11', '2026-01-18']);
  });

  it('pay date rules move back to the previous working day', () => {
    // 2026-01-31 is a Saturday
    expect(periodContaining({ frequency: 'monthly', payDateRule: lastWorkingDay }, '2026-01-10').payDate).toBe('2026-01-30');
    // 25 Apr 2026 is a Saturday
    expect(periodContaining({ frequency: 'monthly', payDateRule: { kind: 'fixed_day', day: 25 } }, '2026-04-10').payDate).toBe('2026-04-24');
    // day 31 in February clamps to the month end (2026-02-28, a Saturday → Friday 27th)
    expect(periodContaining({ frequency: 'monthly', payDateRule: { kind: 'fixed_day', day: 31 } }, '2026-02-10').payDate).toBe('2026-02-27');
    // 5 days after 2026-01-18 (Sunday) is Friday 23rd
    const biWeekly: PayScheduleRule = { frequency: 'bi_weekly', anchorDate: '2026-01-05', payDateRule: { kind: 'days_after_period_end', days: 5 } };
    expect(periodContaining(biWeekly, '2026-01-10').payDate).toBe('2026-01-23');
    // a caller-provided holiday moves it further back
    const noFriday23 = (d: string) => d !== '2026-01-23' && new Date(`${d}T00:00:00Z`).getUTCDay() % 6 !== 0;
    expect(periodContaining(biWeekly, '2026-01-10', noFriday23).payDate).toBe('2026-01-22');
  });

  it('refuses reversed and oversized ranges and bad dates', () => {
    const rule: PayScheduleRule = { frequency: 'weekly', anchorDate: '2026-01-05', payDateRule: lastWorkingDay };
    expect(() => generatePayPeriods(rule, '2026-02-01', '2026-01-01')).toThrow('before');
    expect(() => generatePayPeriods(rule, '2000-01-01', '2030-01-01')).toThrow('more than');
    expect(() => generatePayPeriods(rule, '2026-02-30', '2026-03-01')).toThrow('not a calendar date');
  });
});
