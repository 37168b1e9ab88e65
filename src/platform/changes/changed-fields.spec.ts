import { changedFields, changedKeys, sameValue, withPatch } from './changed-fields';

describe('changedFields', () => {
  const FIELDS = ['name', 'address', 'tags', 'at', 'limit', 'note'] as const;

  it('names nothing when the snapshots hold the same values', () => {
    const s = { name: 'Acme', address: { city: 'Oslo', lines: ['1 Main St'] }, tags: ['a', 'b'], at: new Date('2026-01-01T00:00:00Z'), limit: '10.50', note: null };
    expect(changedFields(FIELDS, s, { ...s, address: { ...s.address }, tags: [...s.tags] })).toEqual([]);
  });

  it('ignores the order of keys in nested objects (jsonb read back reorders them)', () => {
    const before = { address: { line1: 'Main St 1', city: 'Oslo', country: 'NO', geo: { lat: 1, lon: 2 } } };
    const after = { address: { country: 'NO', geo: { lon: 2, lat: 1 }, city: 'Oslo', line1: 'Main St 1' } };
    expect(changedFields(['address'], before, after)).toEqual([]);
  });

  it('names a nested object whose inner value changed', () => {
    expect(changedFields(['address'], { address: { city: 'Oslo', zip: '0150' } }, { address: { zip: '0151', city: 'Oslo' } })).toEqual(['address']);
  });

  it('names a nested object that gained or lost a key with a value', () => {
    expect(changedFields(['address'], { address: { city: 'Oslo' } }, { address: { city: 'Oslo', region: 'Viken' } })).toEqual(['address']);
    expect(changedFields(['address'], { address: { city: 'Oslo', region: 'Viken' } }, { address: { city: 'Oslo' } })).toEqual(['address']);
  });

  it('compares arrays element by element, in order', () => {
    expect(changedFields(['tags'], { tags: ['a', 'b'] }, { tags: ['b', 'a'] })).toEqual(['tags']);
    expect(changedFields(['tags'], { tags: ['a', 'b'] }, { tags: ['a', 'b', 'c'] })).toEqual(['tags']);
    expect(changedFields(['tags'], { tags: [{ x: 1, y: 2 }] }, { tags: [{ y: 2, x: 1 }] })).toEqual([]);
    expect(changedFields(['tags'], { tags: [] }, { tags: null })).toEqual(['tags']);
  });

  it('compares dates by instant, also against an ISO string', () => {
    expect(changedFields(['at'], { at: new Date('2026-03-01T10:00:00Z') }, { at: new Date('2026-03-01T11:00:00+01:00') })).toEqual([]);
    expect(changedFields(['at'], { at: new Date('2026-03-01T10:00:00Z') }, { at: '2026-03-01T10:00:00.000Z' })).toEqual([]);
    expect(changedFields(['at'], { at: new Date('2026-03-01T10:00:00Z') }, { at: new Date('2026-03-01T10:00:01Z') })).toEqual(['at']);
    expect(changedFields(['at'], { at: new Date('2026-03-01T10:00:00Z') }, { at: null })).toEqual(['at']);
  });

  it('treats null and a missing value as the same, but not as an empty string, zero or false', () => {
    expect(changedFields(['note'], { note: null }, {})).toEqual([]);
    expect(changedFields(['note'], {}, { note: undefined })).toEqual([]);
    expect(changedFields(['address'], { address: { city: 'Oslo', region: null } }, { address: { city: 'Oslo' } })).toEqual([]);
    expect(changedFields(['note'], { note: null }, { note: '' })).toEqual(['note']);
    expect(changedFields(['note'], { note: null }, { note: 0 })).toEqual(['note']);
    expect(changedFields(['note'], { note: null }, { note: false })).toEqual(['note']);
  });

  it('compares decimal fields by value, and other strings as text', () => {
    expect(changedFields(['limit'], { limit: '10.50' }, { limit: '10.5' }, { decimals: ['limit'] })).toEqual([]);
    expect(changedFields(['limit'], { limit: '0010' }, { limit: '10.000' }, { decimals: ['limit'] })).toEqual([]);
    expect(changedFields(['limit'], { limit: '-0.00' }, { limit: '0' }, { decimals: ['limit'] })).toEqual([]);
    expect(changedFields(['limit'], { limit: '10.50' }, { limit: '10.51' }, { decimals: ['limit'] })).toEqual(['limit']);
    expect(changedFields(['limit'], { limit: '10.50' }, { limit: '-10.50' }, { decimals: ['limit'] })).toEqual(['limit']);
    expect(changedFields(['limit'], { limit: '10.50' }, { limit: null }, { decimals: ['limit'] })).toEqual(['limit']);
    // not declared a decimal: a code like "007" is text
    expect(changedFields(['name'], { name: '007' }, { name: '7' })).toEqual(['name']);
  });

  it('compares the amounts inside a decimal field (money objects, lists of lines) by value too', () => {
    const before = { limit: { amount: '72000.00', currency: 'GBP' }, tags: [{ qty: '1.000', sku: 'A-01' }] };
    const after = { limit: { currency: 'GBP', amount: '72000' }, tags: [{ sku: 'A-01', qty: '1' }] };
    expect(changedFields(['limit', 'tags'], before, after, { decimals: ['limit', 'tags'] })).toEqual([]);
    expect(changedFields(['limit'], before, { limit: { currency: 'EUR', amount: '72000' } }, { decimals: ['limit'] })).toEqual(['limit']);
  });

  it('lists only the fields asked about, in the order asked', () => {
    const before = { name: 'a', note: 'x', secret: 1 };
    const after = { name: 'b', note: 'y', secret: 2 };
    expect(changedFields(['note', 'name'], before, after)).toEqual(['note', 'name']);
  });

  it('accepts null snapshots (nothing before: every set field changed)', () => {
    expect(changedFields(['name', 'note'], null, { name: 'a', note: null })).toEqual(['name']);
  });

  it('sameValue compares two values the same way', () => {
    expect(sameValue({ b: [1, { d: 2, c: 3 }], a: null }, { b: [1, { c: 3, d: 2 }] })).toBe(true);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
    expect(sameValue(1, '1')).toBe(false);
  });
});

describe('withPatch', () => {
  it('applies the fields present in a PATCH body, keeps absent ones, clears nulls', () => {
    const current = { name: 'a', note: 'x' as string | null, count: 1 };
    expect(withPatch(current, { note: null, count: undefined })).toEqual({ name: 'a', note: null, count: 1 });
    expect(withPatch(current, { name: 'b', other: 1 })).toEqual({ name: 'b', note: 'x', count: 1 });
    expect(current).toEqual({ name: 'a', note: 'x', count: 1 });
  });

  it('limits itself to the fields named', () => {
    expect(withPatch({ name: 'a', note: 'x' }, { name: 'b', note: 'y' }, ['note'])).toEqual({ name: 'a', note: 'y' });
  });
});

describe('changedKeys', () => {
  it('compares every key of either snapshot', () => {
    expect(changedKeys({ a: 1, b: { x: 1, y: 2 }, c: '1.0' }, { b: { y: 2, x: 1 }, a: 2, c: '1', d: 'new' }, { decimals: ['c'] })).toEqual(['a', 'd']);
    expect(changedKeys({ a: 1, gone: 'x' }, { a: 1 })).toEqual(['gone']);
  });
});
