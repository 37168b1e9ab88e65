import { addDays, classifyDays, countWorkingDays, daysBetweenInclusive, isoWeekday, leaveAmount } from './working-days';

const rules = {
  workingWeekdays: [1, 2, 3, 4, 5],
  // 2026-12-25 is a Friday, 2026-12-26 a Saturday.
  holidays: new Map([['2026-12-25', 'Christmas Day'], ['2026-12-26', 'Boxing Day']]),
  closures: new Map([['2026-12-24', 'Office closed']]),
};

describe('working days', () => {
  it('knows ISO weekdays and date arithmetic across months and leap years', () => {
    expect(isoWeekday('2026-11-29')).toBe(7);
    expect(isoWeekday('2026-11-30')).toBe(1);
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(daysBetweenInclusive('2026-01-01', '2026-12-31')).toBe(365);
    expect(daysBetweenInclusive('2026-01-02', '2026-01-01')).toBe(0);
  });

  it('excludes weekends, public holidays and closures, naming each', () => {
    const days = classifyDays('2026-12-23', '2026-12-28', rules);
    expect(days.map((d) => d.kind)).toEqual(['working', 'closure', 'public_holiday', 'public_holiday', 'weekend', 'working']);
    expect(days[2].name).toBe('Christmas Day');
    expect(countWorkingDays('2026-12-21', '2027-01-01', rules)).toBe(8); // 1 January is not in these rules
  });

  it('honours a calendar that works on Saturdays', () => {
    expect(countWorkingDays('2026-11-23', '2026-11-29', { ...rules, workingWeekdays: [1, 2, 3, 4, 5, 6] })).toBe(6);
  });

  it('counts half days only on working days', () => {
    const span = { startDate: '2026-12-22', endDate: '2026-12-28', halfDayStart: true, halfDayEnd: true };
    // 22 (half), 23 (full), 28 (half): 2 days.
    expect(leaveAmount(span, rules, 'days', '8')).toBe('2.00');
    expect(leaveAmount(span, rules, 'hours', '7.5')).toBe('15.00');
    expect(leaveAmount({ startDate: '2026-12-25', endDate: '2026-12-25', halfDayStart: true, halfDayEnd: false }, rules, 'days', '8')).toBe('0.00');
    expect(leaveAmount({ startDate: '2026-12-21', endDate: '2026-12-21', halfDayStart: true, halfDayEnd: false }, rules, 'days', '8')).toBe('0.50');
  });
});
