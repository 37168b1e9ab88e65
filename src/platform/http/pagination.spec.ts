import { decodeCursor, encodeCursor, SortField } from './pagination';
import { ProblemException } from './problem';

const lastName: SortField = { column: 'e.last_name', type: 'text', value: (e: { lastName: string }) => e.lastName };
const hireDate: SortField = { column: 'e.hire_date', type: 'date', value: (e: { hireDate: string }) => e.hireDate };
const id = '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as ProblemException).code;
  }
  return 'no error';
};

describe('keyset cursors', () => {
  it('round-trips the sort, value and id', () => {
    const c = encodeCursor('-lastName', "O'Neil", id);
    expect(decodeCursor(c, '-lastName', lastName)).toEqual({ s: '-lastName', v: "O'Neil", id });
  });

  it('refuses a cursor made for another sort', () => {
    expect(codeOf(() => decodeCursor(encodeCursor('lastName', 'A', id), '-lastName', lastName))).toBe('invalid_cursor');
  });

  it('refuses garbage, wrong shapes and values of the wrong type', () => {
    expect(codeOf(() => decodeCursor('%%%', 'lastName', lastName))).toBe('invalid_cursor');
    expect(codeOf(() => decodeCursor(Buffer.from('null').toString('base64url'), 'lastName', lastName))).toBe('invalid_cursor');
    expect(codeOf(() => decodeCursor(encodeCursor('hireDate', 'yesterday', id), 'hireDate', hireDate))).toBe('invalid_cursor');
    expect(codeOf(() => decodeCursor(encodeCursor('hireDate', '2026-01-01', 'not-a-uuid'), 'hireDate', hireDate))).toBe('invalid_cursor');
    expect(codeOf(() => decodeCursor(encodeCursor('hireDate', '2026-01-01', id), 'hireDate', hireDate))).toBe('no error');
  });
});
