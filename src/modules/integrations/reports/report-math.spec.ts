import { addDays, compliancePercent, formatAmount, monthRange } from './report-math';

describe('report math', () => {
  it('defaults to the 12 months up to the current one and spans month ends', () => {
    expect(monthRange(undefined, undefined, '2026-02-15')).toEqual({ from: '2025-03', to: '2026-02', firstDay: '2025-03-01', lastDay: '2026-02-28', lastMonthFirstDay: '2026-02-01' });
    expect(monthRange('2024-01', '2024-02', '2026-02-15')).toMatchObject({ lastDay: '2024-02-29' });
    expect(monthRange('2026-12', '2026-12', '2026-02-15')).toMatchObject({ firstDay: '2026-12-01', lastDay: '2026-12-31' });
  });

  it('refuses a reversed range and more than 36 months', () => {
    expect(monthRange('2026-03', '2026-02', '2026-02-15')).toEqual({ field: 'to', error: 'to must not be before from.' });
    expect(monthRange('2023-01', '2025-12', '2026-02-15')).not.toHaveProperty('error');
    expect(monthRange('2023-01', '2026-01', '2026-02-15')).toMatchObject({ field: 'to' });
  });

  it('rounds amounts half-up to the minor unit of the currency', () => {
    expect(formatAmount('10.005', 'EUR')).toBe('10.01');
    expect(formatAmount('1234.5', 'JPY')).toBe('1235');
    expect(formatAmount('-0.125', 'KWD')).toBe('-0.125');
  });

  it('computes compliance to one decimal and adds days across years', () => {
    expect(compliancePercent(2, 1)).toBe('66.7');
    expect(compliancePercent(0, 0)).toBeNull();
    expect(addDays('2026-12-15', 30)).toBe('2027-01-14');
  });
});
