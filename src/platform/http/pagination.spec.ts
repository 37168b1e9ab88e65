import { CURSOR_MAX_LENGTH, CURSOR_TEXT_MAX, decodeCursor, encodeCursor, SORT_NAME_MAX, SortField } from './pagination';
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

describe('cursor length', () => {
  it('stays within CURSOR_MAX_LENGTH for the longest sort name and the worst text value', () => {
    const worst = encodeCursor(`-${'x'.repeat(SORT_NAME_MAX - 1)}`, '\u0001'.repeat(CURSOR_TEXT_MAX), id);
    expect(worst.length).toBeLessThanOrEqual(CURSOR_MAX_LENGTH);
    expect(CURSOR_MAX_LENGTH - worst.length).toBeLessThan(8);
    const sortField: SortField = { ...lastName };
    expect(decodeCursor(worst, `-${'x'.repeat(SORT_NAME_MAX - 1)}`, sortField).v).toHaveLength(CURSOR_TEXT_MAX);
  });
});
