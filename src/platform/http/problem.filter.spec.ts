import { QueryFailedError } from 'typeorm';
import { PROBLEM_LIMITS } from './openapi';
import { boundProblem, problemFromDatabaseError } from './problem.filter';
import { registerConstraints } from './problem';

const pgError = (code: string, extra: Record<string, unknown> = {}, query = 'INSERT INTO t VALUES ($1)') =>
  new QueryFailedError(query, [], Object.assign(new Error('db'), { code, ...extra }));

describe('problemFromDatabaseError', () => {
  beforeAll(() => registerConstraints({ uq_things_code: { field: 'code', message: 'A thing with this code exists.' }, fk_things_owner: { field: 'ownerId', message: 'The owner does not exist.' } }));

  it('maps a unique violation to 409 naming the field of the constraint', () => {
    const p = problemFromDatabaseError(pgError('23505', { constraint: 'uq_things_code' }))!;
    expect([p.status, p.code, p.extensions.field, p.errors]).toEqual([409, 'unique_violation', 'code', [{ field: 'code', message: 'A thing with this code exists.' }]]);
  });

  it('maps a missing reference on write to 422 and a referenced row on delete to 409', () => {
    const write = problemFromDatabaseError(pgError('23503', { constraint: 'fk_things_owner' }))!;
    expect([write.status, write.code, write.extensions.field]).toEqual([422, 'invalid_reference', 'ownerId']);
    const del = problemFromDatabaseError(pgError('23503', { constraint: 'fk_things_owner', table: 'things' }, 'DELETE FROM owners WHERE id = $1'))!;
    expect([del.status, del.code, del.extensions.referencedBy]).toEqual([409, 'still_referenced', 'things']);
  });

  it('maps check violations, bad text and retries-exhausted to client errors', () => {
    expect(problemFromDatabaseError(pgError('23514'))!.status).toBe(422);
    expect(problemFromDatabaseError(pgError('22021'))!.status).toBe(422);
    const retry = problemFromDatabaseError(pgError('40P01'))!;
    expect([retry.status, retry.code, retry.headers['Retry-After']]).toEqual([409, 'concurrent_update', '1']);
  });

  it('leaves anything else to the 500 path', () => {
    expect(problemFromDatabaseError(pgError('XX000'))).toBeUndefined();
  });
});

describe('boundProblem', () => {
  it('keeps a problem body within the documented limits', () => {
    const body = {
      detail: 'x'.repeat(PROBLEM_LIMITS.detail + 50),
      instance: `/${'a'.repeat(5000)}`,
      errors: Array.from({ length: 150 }, (_, i) => ({ field: `lines[${i}].${'f'.repeat(400)}`, message: 'm'.repeat(800) })),
    };
    boundProblem(body);
    expect(body.detail).toHaveLength(PROBLEM_LIMITS.detail);
    expect(body.detail.endsWith('…')).toBe(true);
    expect(body.instance).toHaveLength(PROBLEM_LIMITS.instance);
    expect(body.errors).toHaveLength(PROBLEM_LIMITS.errors);
    expect(Math.max(...body.errors.map((e) => e.field.length))).toBe(PROBLEM_LIMITS.field);
    expect(Math.max(...body.errors.map((e) => e.message.length))).toBe(PROBLEM_LIMITS.message);
  });

  it('leaves a body within the limits untouched', () => {
    const body = { detail: 'Short.', instance: '/hr/employees', errors: [{ field: 'name', message: 'is required' }] };
    boundProblem(body);
    expect(body).toEqual({ detail: 'Short.', instance: '/hr/employees', errors: [{ field: 'name', message: 'is required' }] });
  });
});
