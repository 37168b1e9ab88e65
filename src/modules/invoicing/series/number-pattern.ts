/**
 * Invoice number patterns such as `INV-{YYYY}-{000000}`: literal text, at most one year token
 * (`{YYYY}` or `{YY}`) and exactly one counter token (`{0...0}`, its width the zero padding).
 * Pure functions, no Nest or TypeORM.
 */
const TOKEN = /\{(YYYY|YY|0{1,12})\}/g;
const LITERAL = /^[A-Za-z0-9/_.#-]*$/;

export function patternProblem(pattern: string, yearlyReset: boolean): string | null {
  const tokens = [...pattern.matchAll(TOKEN)].map((m) => m[1]);
  const literal = pattern.replace(TOKEN, '');
  if (!LITERAL.test(literal)) return 'pattern may hold letters, digits, "/", "_", ".", "#", "-" and the tokens {YYYY}, {YY} and {000000}';
  const counters = tokens.filter((t) => t.startsWith('0')).length;
  const years = tokens.length - counters;
  if (counters !== 1) return 'pattern must hold exactly one counter token such as {000000}';
  if (years > 1) return 'pattern may hold at most one year token';
  if (yearlyReset && years === 0) return 'a series that restarts every year needs {YYYY} or {YY} in its pattern';
  return null;
}

export function formatNumber(pattern: string, year: number, counter: number): string {
  return pattern.replace(TOKEN, (_, token: string) => {
    if (token === 'YYYY') return String(year).padStart(4, '0');
    if (token === 'YY') return String(year % 100).padStart(2, '0');
    return String(counter).padStart(token.length, '0');
  });
}
