import { csvCell, wantsCsv } from './csv-export.interceptor';

describe('csv cells', () => {
  it('keeps numbers, dates and plain text; JSON for nested values; empty for null', () => {
    expect(csvCell('-5.00')).toBe('-5.00');
    expect(csvCell('+')).toBe("'+");
    expect(csvCell('2026-01-05')).toBe('2026-01-05');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(null)).toBe('');
    expect(csvCell({ a: 1 })).toBe('{"a":1}');
  });

  it('prefixes what a spreadsheet would run as a formula', () => {
    for (const v of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx']) expect(csvCell(v)).toBe(`'${v}`);
  });

  it('recognises text/csv among accepted types', () => {
    expect(wantsCsv('text/csv')).toBe(true);
    expect(wantsCsv('application/json, text/csv;q=0.5')).toBe(true);
    expect(wantsCsv('application/json')).toBe(false);
    expect(wantsCsv(undefined)).toBe(false);
  });
});
