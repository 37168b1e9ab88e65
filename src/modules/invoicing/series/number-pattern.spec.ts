import { formatNumber, patternProblem } from './number-pattern';

describe('invoice number patterns', () => {
  it('formats year and zero-padded counter', () => {
    expect(formatNumber('INV-{YYYY}-{000000}', 2026, 42)).toBe('INV-2026-000042');
    expect(formatNumber('R{YY}/{0000}', 2026, 7)).toBe('R26/0007');
    expect(formatNumber('{000}', 2026, 12345)).toBe('12345');
  });

  it('accepts valid patterns', () => {
    expect(patternProblem('INV-{YYYY}-{000000}', true)).toBeNull();
    expect(patternProblem('INV-{000000}', false)).toBeNull();
  });

  it('refuses patterns without exactly one counter, with two years, bad text or a yearly reset without a year', () => {
    expect(patternProblem('INV-{YYYY}', false)).toMatch(/counter/);
    expect(patternProblem('INV-{000}-{000}', false)).toMatch(/counter/);
    expect(patternProblem('{YYYY}{YY}-{000}', false)).toMatch(/year token/);
    expect(patternProblem('INV {000}', false)).toMatch(/may hold/);
    expect(patternProblem('INV-{MM}-{000}', false)).toMatch(/may hold/);
    expect(patternProblem('INV-{000000}', true)).toMatch(/restarts every year/);
  });
});
