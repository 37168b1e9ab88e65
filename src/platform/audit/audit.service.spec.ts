import { diffFields } from './audit.service';

describe('diffFields', () => {
  it('keeps only fields that changed, with before and after', () => {
    expect(diffFields({ a: 1, b: 'x', c: null }, { a: 1, b: 'y', c: null })).toEqual({ b: { before: 'x', after: 'y' } });
  });

  it('a creation lists the fields it set, not empty ones', () => {
    expect(diffFields(null, { name: 'Ada', phone: null })).toEqual({ name: { before: null, after: 'Ada' } });
  });

  it('a deletion lists every field as before', () => {
    expect(diffFields({ name: 'Ada', phone: null }, null)).toEqual({ name: { before: 'Ada', after: null }, phone: { before: null, after: null } });
  });

  it('compares nested values and dates by value', () => {
    const d = new Date('2026-01-01T00:00:00Z');
    expect(diffFields({ salary: { amount: '1.00', currency: 'EUR' }, at: d }, { salary: { amount: '1.00', currency: 'EUR' }, at: new Date(d) })).toEqual({});
    expect(diffFields({ salary: { amount: '1.00', currency: 'EUR' } }, { salary: { amount: '2.00', currency: 'EUR' } })).toEqual({
      salary: { before: { amount: '1.00', currency: 'EUR' }, after: { amount: '2.00', currency: 'EUR' } },
    });
  });
});
