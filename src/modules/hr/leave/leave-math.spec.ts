import { carryOverExpiryDate, closeYear, completedMonths, expiringCarryOver, prorate, spansOverlap } from './leave-math';

describe('leave math', () => {
  describe('prorate', () => {
    it('grants the full amount to someone employed the whole period', () => {
      expect(prorate('25', '2026-01-01', '2026-12-31', '2020-03-01', null)).toBe('25.00');
    });
    it('prorates a mid-year hire by days employed', () => {
      // 2026-07-01 .. 2026-12-31 = 184 of 365 days.
      expect(prorate('25', '2026-01-01', '2026-12-31', '2026-07-01', null)).toBe('12.60');
    });
    it('prorates a termination inside the period, and a hire and a termination together', () => {
      expect(prorate('2', '2026-03-01', '2026-03-31', '2020-01-01', '2026-03-15')).toBe('0.97');
      expect(prorate('2', '2026-03-01', '2026-03-31', '2026-03-10', '2026-03-20')).toBe('0.71');
    });
    it('gives nothing outside employment', () => {
      expect(prorate('2', '2026-03-01', '2026-03-31', '2026-04-01', null)).toBe('0.00');
      expect(prorate('2', '2026-03-01', '2026-03-31', '2020-01-01', '2026-02-28')).toBe('0.00');
    });
  });

  describe('year close and carry-over', () => {
    it('caps what is carried over', () => {
      expect(closeYear('12.5', '5')).toEqual({ closed: '-12.50', carried: '5.00' });
      expect(closeYear('3', '5')).toEqual({ closed: '-3.00', carried: '3.00' });
      expect(closeYear('3', null)).toEqual({ closed: '-3.00', carried: '3.00' });
      expect(closeYear('3', '0')).toEqual({ closed: '-3.00', carried: '0.00' });
    });
    it('leaves a zero or negative balance alone', () => {
      expect(closeYear('0', '5')).toBeNull();
      expect(closeYear('-2', '5')).toBeNull();
    });
    it('expires what was carried and not used since the year started', () => {
      expect(expiringCarryOver('5', '0')).toBe('5.00');
      expect(expiringCarryOver('5', '2.5')).toBe('2.50');
      expect(expiringCarryOver('5', '7')).toBe('0.00');
      expect(expiringCarryOver('5', '-1')).toBe('5.00');
    });
    it('dates the expiry months after the year start', () => {
      expect(carryOverExpiryDate('2027-01-01', 3)).toBe('2027-04-01');
      expect(carryOverExpiryDate('2027-01-01', 12)).toBe('2028-01-01');
    });
  });

  it('lists the months that have ended', () => {
    expect(completedMonths(2026, '2026-03-30').map((m) => m.period)).toEqual(['2026-01', '2026-02']);
    expect(completedMonths(2026, '2026-03-31').at(-1)).toEqual({ period: '2026-03', start: '2026-03-01', end: '2026-03-31' });
    expect(completedMonths(2026, '2027-01-05')).toHaveLength(12);
  });

  it('finds overlaps, letting a morning and an afternoon of one day coexist', () => {
    const span = (startDate: string, endDate: string, halfDayStart = false, halfDayEnd = false) => ({ startDate, endDate, halfDayStart, halfDayEnd });
    expect(spansOverlap(span('2026-11-02', '2026-11-04'), span('2026-11-05', '2026-11-06'))).toBe(false);
    expect(spansOverlap(span('2026-11-02', '2026-11-04'), span('2026-11-04', '2026-11-06'))).toBe(true);
    expect(spansOverlap(span('2026-11-02', '2026-11-04', false, true), span('2026-11-04', '2026-11-06', true))).toBe(false);
    expect(spansOverlap(span('2026-11-04', '2026-11-06', true), span('2026-11-02', '2026-11-04', false, true))).toBe(false);
    expect(spansOverlap(span('2026-11-04', '2026-11-04', false, true), span('2026-11-04', '2026-11-04', false, true))).toBe(true);
    expect(spansOverlap(span('2026-11-01', '2026-11-30'), span('2026-11-10', '2026-11-10'))).toBe(true);
  });
});
