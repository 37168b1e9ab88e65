import { addMonthsKeepingMonthEnd, alertWindowStart, contractDates, noticeDeadline, renewalsThrough, termEndDate } from './contract-dates';

describe('contract date rules', () => {
  describe('month arithmetic keeps month ends', () => {
    it.each([
      ['2026-01-31', 1, '2026-02-28'],
      ['2028-01-31', 1, '2028-02-29'],
      ['2026-02-28', 1, '2026-03-31'], // Feb 28 is the last day in 2026
      ['2028-02-28', 1, '2028-03-28'], // not in a leap year
      ['2028-02-29', 12, '2029-02-28'],
      ['2029-02-28', -12, '2028-02-29'],
      ['2026-12-31', -3, '2026-09-30'],
      ['2026-03-15', -1, '2026-02-15'],
      ['2026-06-30', -1, '2026-05-31'],
    ])('%s %+d months → %s', (date, months, expected) => {
      expect(addMonthsKeepingMonthEnd(date, months)).toBe(expected);
    });
  });

  describe('end date from a term in months', () => {
    it.each([
      ['2026-01-01', 12, '2026-12-31'],
      ['2026-03-01', 1, '2026-03-31'],
      ['2026-01-31', 1, '2026-02-28'],
      ['2026-03-15', 1, '2026-04-14'],
      ['2024-02-29', 12, '2025-02-28'],
      ['2027-03-01', 12, '2028-02-29'],
    ])('starting %s for %d months ends %s', (start, months, expected) => {
      expect(termEndDate(start, months)).toBe(expected);
    });
  });

  describe('notice deadline', () => {
    it('notice in days counts back calendar days, across a leap day', () => {
      expect(noticeDeadline('2028-03-31', { value: 30, unit: 'days' })).toBe('2028-03-01');
      expect(noticeDeadline('2028-03-10', { value: 10, unit: 'days' })).toBe('2028-02-29');
      expect(noticeDeadline('2027-03-10', { value: 10, unit: 'days' })).toBe('2027-02-28');
    });

    it('notice in months keeps month ends: 3 months before Dec 31 is Sep 30, not Oct 1', () => {
      expect(noticeDeadline('2026-12-31', { value: 3, unit: 'months' })).toBe('2026-09-30');
      expect(noticeDeadline('2026-03-31', { value: 1, unit: 'months' })).toBe('2026-02-28');
      expect(noticeDeadline('2028-03-31', { value: 1, unit: 'months' })).toBe('2028-02-29');
      expect(noticeDeadline('2026-05-15', { value: 2, unit: 'months' })).toBe('2026-03-15');
    });

    it('months and days differ: 1 month before Mar 31 is Feb 28, 30 days before is Mar 1', () => {
      expect(noticeDeadline('2026-03-31', { value: 1, unit: 'months' })).not.toBe(noticeDeadline('2026-03-31', { value: 30, unit: 'days' }));
      expect(noticeDeadline('2026-03-31', { value: 30, unit: 'days' })).toBe('2026-03-01');
    });

    it('no notice period or no end date means no deadline', () => {
      expect(noticeDeadline('2026-12-31', null)).toBeNull();
      expect(noticeDeadline(null, { value: 3, unit: 'months' })).toBeNull();
    });
  });

  describe('contract dates together', () => {
    it('computes end, notice deadline and next renewal date', () => {
      expect(contractDates({ startDate: '2026-01-01', termMonths: 12, renewalType: 'automatic', noticePeriod: { value: 3, unit: 'months' } })).toEqual({
        endDate: '2026-12-31',
        noticeDeadline: '2026-09-30',
        nextRenewalDate: '2027-01-01',
      });
    });

    it('a contract that does not renew has no next renewal date but still a notice deadline for termination', () => {
      expect(contractDates({ startDate: '2026-01-01', endDate: '2026-06-30', renewalType: 'none', noticePeriod: { value: 14, unit: 'days' } })).toEqual({
        endDate: '2026-06-30',
        noticeDeadline: '2026-06-16',
        nextRenewalDate: null,
      });
    });

    it('an open-ended contract has no end, deadline or renewal', () => {
      expect(contractDates({ startDate: '2026-01-01', renewalType: 'none', noticePeriod: { value: 1, unit: 'months' } })).toEqual({ endDate: null, noticeDeadline: null, nextRenewalDate: null });
    });

    it('the alert window opens N days before the notice deadline, or before the end without one', () => {
      expect(alertWindowStart({ endDate: '2026-12-31', noticeDeadline: '2026-09-30' }, 30)).toBe('2026-08-31');
      expect(alertWindowStart({ endDate: '2026-12-31', noticeDeadline: null }, 30)).toBe('2026-12-01');
      expect(alertWindowStart({ endDate: null, noticeDeadline: null }, 30)).toBeNull();
    });
  });

  describe('automatic renewal', () => {
    it('does nothing while the term runs (the end date itself is still inside the term)', () => {
      expect(renewalsThrough('2026-12-31', 12, '2026-12-31')).toEqual([]);
    });

    it('renews once the day after the end', () => {
      expect(renewalsThrough('2026-12-31', 12, '2027-01-01')).toEqual([{ startDate: '2027-01-01', endDate: '2027-12-31' }]);
    });

    it('catches up several terms, keeping the month end across Feb 29', () => {
      expect(renewalsThrough('2027-02-28', 12, '2029-06-01')).toEqual([
        { startDate: '2027-03-01', endDate: '2028-02-29' },
        { startDate: '2028-03-01', endDate: '2029-02-28' },
        { startDate: '2029-03-01', endDate: '2030-02-28' },
      ]);
    });

    it('monthly terms ending on the 31st stay on month ends', () => {
      expect(renewalsThrough('2026-01-31', 1, '2026-04-15').map((t) => t.endDate)).toEqual(['2026-02-28', '2026-03-31', '2026-04-30']);
    });

    it('refuses a term below one month', () => {
      expect(() => renewalsThrough('2026-01-31', 0, '2026-04-15')).toThrow();
    });
  });
});
