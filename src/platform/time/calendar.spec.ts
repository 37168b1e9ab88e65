import { todayIn } from './calendar';

describe('todayIn', () => {
  const instant = new Date('2026-03-01T23:30:00Z');

  it('gives the calendar date in the named zone, not the server zone', () => {
    expect(todayIn('UTC', instant)).toBe('2026-03-01');
    expect(todayIn('Europe/Berlin', instant)).toBe('2026-03-02');
    expect(todayIn('America/New_York', instant)).toBe('2026-03-01');
  });

  it('handles a date-line zone', () => {
    expect(todayIn('Pacific/Kiritimati', new Date('2026-12-31T10:00:00Z'))).toBe('2027-01-01');
  });
});
