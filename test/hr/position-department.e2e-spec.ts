import { employeeInput, newDepartment, newEmployee, newPosition } from '../support/factories';
import { bearer, createTestApp, TestApp } from '../support/test-app';
import { HrPositionDepartment1764400900000 } from '../../migrations/1764400900000-hr-position-department';

/** An employee's position belongs to the employee's department. */
describe('HR: a position belongs to the employee’s department', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    admin = bearer(t.adminKey);
  });
  afterAll(() => t.close());

  const count = async (sql: string, params: unknown[] = []) => Number((await t.sql<{ n: string }>(sql, params))[0].n);
  const mismatches = () =>
    t.sql<{ id: string }>(`SELECT e.id FROM hr_employees e JOIN hr_positions p ON p.id = e.position_id WHERE e.department_id IS DISTINCT FROM p.department_id`);
  const row = async (id: string) => (await t.sql<{ department_id: string | null; position_id: string | null; version: number }>('SELECT department_id, position_id, version FROM hr_employees WHERE id = $1', [id]))[0];

  async function twoDepartments() {
    const sales = await newDepartment(t, { name: 'Sales' });
    const eng = await newDepartment(t, { name: 'Engineering' });
    const backend = await newPosition(t, eng.id, { title: 'Backend Engineer' });
    const ae = await newPosition(t, sales.id, { title: 'Account Executive' });
    return { sales, eng, backend, ae };
  }

  describe('hiring', () => {
    it('refuses a position of another department with 409, creating nothing', async () => {
      const { sales, eng, backend } = await twoDepartments();
      const input = employeeInput({ departmentId: sales.id, positionId: backend.id });
      const employees = await count('SELECT count(*) AS n FROM hr_employees');
      const audits = await count(`SELECT count(*) AS n FROM audit_events WHERE action = 'hr.employee.hired'`);
      const res = await t.http.post('/hr/employees').set(admin).send(input);
      expect(res.status).toBe(409);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({
        code: 'position_department_mismatch',
        status: 409,
        employeeDepartmentId: sales.id,
        positionId: backend.id,
        positionTitle: 'Backend Engineer',
        positionDepartmentId: eng.id,
        errors: [{ field: 'positionId' }],
      });
      expect(res.body.detail).toContain(eng.id);
      expect(res.body.detail).toContain(sales.id);
      expect(await count('SELECT count(*) AS n FROM hr_employees')).toBe(employees);
      expect(await count(`SELECT count(*) AS n FROM audit_events WHERE action = 'hr.employee.hired'`)).toBe(audits);
      expect(await count('SELECT count(*) AS n FROM hr_employees WHERE lower(work_email) = lower($1)', [input.workEmail])).toBe(0);
    });

    it('hires into a position of the same department (201)', async () => {
      const { eng, backend } = await twoDepartments();
      const res = await t.http.post('/hr/employees').set(admin).send(employeeInput({ departmentId: eng.id, positionId: backend.id }));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ departmentId: eng.id, positionId: backend.id });
      expect(await row(res.body.id)).toMatchObject({ department_id: eng.id, position_id: backend.id });
    });

    it('places an employee given a position but no department in the position’s department', async () => {
      const { eng, backend } = await twoDepartments();
      const res = await t.http.post('/hr/employees').set(admin).send(employeeInput({ positionId: backend.id }));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ departmentId: eng.id, positionId: backend.id });
      const [event] = await t.sql<{ payload: { departmentId: string } }>(`SELECT payload FROM outbox_events WHERE topic = 'hr.employee.hired' AND aggregate_id = $1`, [res.body.id]);
      expect(event.payload.departmentId).toBe(eng.id);
    });

    it('an unknown position stays 422 invalid_reference', async () => {
      const res = await t.http.post('/hr/employees').set(admin).send(employeeInput({ positionId: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f99' }));
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'invalid_reference', errors: [{ field: 'positionId' }] });
    });
  });

  describe('updating an employee', () => {
    it('refuses a department change that keeps a position of the old department; both together pass', async () => {
      const { sales, eng, backend, ae } = await twoDepartments();
      const e = await newEmployee(t, { departmentId: eng.id, positionId: backend.id });
      const audits = await count('SELECT count(*) AS n FROM audit_events WHERE entity_id = $1', [e.id]);

      const deptOnly = await t.http.patch(`/hr/employees/${e.id}`).set(admin).set('If-Match', '"1"').send({ departmentId: sales.id });
      expect(deptOnly.status).toBe(409);
      expect(deptOnly.body).toMatchObject({ code: 'position_department_mismatch', employeeDepartmentId: sales.id, positionId: backend.id, positionDepartmentId: eng.id });
      const positionOnly = await t.http.patch(`/hr/employees/${e.id}`).set(admin).send({ positionId: ae.id });
      expect(positionOnly.status).toBe(409);
      expect(positionOnly.body).toMatchObject({ code: 'position_department_mismatch', employeeDepartmentId: eng.id, positionId: ae.id, positionDepartmentId: sales.id });
      const cleared = await t.http.patch(`/hr/employees/${e.id}`).set(admin).send({ departmentId: null });
      expect(cleared.status).toBe(409);
      expect(cleared.body).toMatchObject({ code: 'position_department_mismatch', employeeDepartmentId: null, positionDepartmentId: eng.id });
      expect(await row(e.id)).toMatchObject({ department_id: eng.id, position_id: backend.id, version: 1 });
      expect(await count('SELECT count(*) AS n FROM audit_events WHERE entity_id = $1', [e.id])).toBe(audits);

      const both = await t.http.patch(`/hr/employees/${e.id}`).set(admin).set('If-Match', '"1"').send({ departmentId: sales.id, positionId: ae.id });
      expect(both.status).toBe(200);
      expect(both.body).toMatchObject({ departmentId: sales.id, positionId: ae.id, version: 2 });
      expect(await row(e.id)).toMatchObject({ department_id: sales.id, position_id: ae.id });
      // Leaving the position behind while moving is fine too.
      const leave = await t.http.patch(`/hr/employees/${e.id}`).set(admin).send({ departmentId: eng.id, positionId: null });
      expect(leave.status).toBe(200);
      expect(leave.body).toMatchObject({ departmentId: eng.id, positionId: null });
    });

    it('gives an employee without a department the department of a new position', async () => {
      const { eng, backend } = await twoDepartments();
      const e = await newEmployee(t);
      const res = await t.http.patch(`/hr/employees/${e.id}`).set(admin).send({ positionId: backend.id });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ departmentId: eng.id, positionId: backend.id });
    });
  });

  describe('changing a position’s department', () => {
    it('is refused while an active employee holds it, and allowed without holders', async () => {
      const { sales, eng, backend } = await twoDepartments();
      const holder = await newEmployee(t, { departmentId: eng.id, positionId: backend.id });
      const refused = await t.http.patch(`/hr/positions/${backend.id}`).set(admin).set('If-Match', '"1"').send({ departmentId: sales.id });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: 'position_in_use', positionId: backend.id, departmentId: eng.id, holderCount: 1, formerHolderCount: 0, errors: [{ field: 'departmentId' }] });
      const [p] = await t.sql<{ department_id: string; version: number }>('SELECT department_id, version FROM hr_positions WHERE id = $1', [backend.id]);
      expect(p).toEqual({ department_id: eng.id, version: 1 });
      // Other fields still change.
      expect((await t.http.patch(`/hr/positions/${backend.id}`).set(admin).send({ headcountBudget: 4 })).status).toBe(200);

      // Once the holder has moved to no position, the position may move.
      await t.http.patch(`/hr/employees/${holder.id}`).set(admin).send({ positionId: null }).expect(200);
      const moved = await t.http.patch(`/hr/positions/${backend.id}`).set(admin).send({ departmentId: sales.id });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ departmentId: sales.id, filledCount: 0 });
    });

    it('counts former holders too: their record keeps the position in the old department', async () => {
      const { sales, eng, backend } = await twoDepartments();
      const former = await newEmployee(t, { departmentId: eng.id, positionId: backend.id });
      await t.http.post(`/hr/employees/${former.id}/terminate`).set(admin).send({ terminationDate: '2026-02-01', reason: 'Left' }).expect(200);
      const res = await t.http.patch(`/hr/positions/${backend.id}`).set(admin).send({ departmentId: sales.id });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'position_in_use', holderCount: 0, formerHolderCount: 1 });
    });
  });

  it('moving a position and giving it to an employee in parallel: exactly one wins and the data stays consistent', async () => {
    const outcomes = new Set<string>();
    for (let round = 0; round < 6; round++) {
      const { sales, eng, backend } = await twoDepartments();
      const e = await newEmployee(t, { departmentId: eng.id });
      const [move, assign] = await Promise.all([
        t.http.patch(`/hr/positions/${backend.id}`).set(admin).send({ departmentId: sales.id }),
        t.http.patch(`/hr/employees/${e.id}`).set(admin).send({ positionId: backend.id }),
      ]);
      const statuses = [move.status, assign.status];
      expect(statuses.sort()).toEqual([200, 409]);
      if (move.status === 200) {
        expect(assign.body.code).toBe('position_department_mismatch');
        expect(await row(e.id)).toMatchObject({ department_id: eng.id, position_id: null });
        outcomes.add('moved');
      } else {
        expect(move.body).toMatchObject({ code: 'position_in_use', holderCount: 1 });
        expect(await row(e.id)).toMatchObject({ department_id: eng.id, position_id: backend.id });
        outcomes.add('assigned');
      }
      expect(await mismatches()).toEqual([]);
    }
    expect(outcomes.size).toBeGreaterThan(0);
  });

  it('the database refuses an inconsistent row written past the API', async () => {
    const { sales, backend } = await twoDepartments();
    const e = await newEmployee(t, { departmentId: sales.id });
    await expect(t.sql('UPDATE hr_employees SET position_id = $1 WHERE id = $2', [backend.id, e.id])).rejects.toMatchObject({ constraint: 'fk_hr_employees_position_department' });
    const none = await newEmployee(t);
    await expect(t.sql('UPDATE hr_employees SET position_id = $1 WHERE id = $2', [backend.id, none.id])).rejects.toMatchObject({ constraint: 'ck_hr_employees_position_needs_department' });
    const [c] = await t.sql<{ n: string }>(`SELECT count(*) AS n FROM pg_constraint WHERE conname IN ('fk_hr_employees_position_department', 'ck_hr_employees_position_needs_department') AND convalidated`);
    expect(Number(c.n)).toBe(2);
  });

  it('the CSV employee import refuses a row whose position is of another department', async () => {
    const { sales, eng, backend } = await twoDepartments();
    const csv = `firstName,lastName,workEmail,hireDate,employmentType,departmentId,positionId\nAda,Lovelace,ada.pos@example.com,2026-01-05,full_time,${eng.id},${backend.id}\nAlan,Turing,alan.pos@example.com,2026-01-05,full_time,${sales.id},${backend.id}\n`;
    const res = await t.http.post('/imports?kind=employees&mode=commit').set(admin).set('Content-Type', 'text/csv').send(csv);
    expect(res.status).toBe(422);
    expect(res.body.rowErrors).toEqual([expect.objectContaining({ row: 2, field: 'positionId', message: expect.stringContaining(eng.id) })]);
    expect(await count(`SELECT count(*) AS n FROM hr_employees WHERE work_email IN ('ada.pos@example.com', 'alan.pos@example.com')`)).toBe(0);
  });

  it('the migration leaves existing inconsistent employees unchanged and the constraints NOT VALID, and validates them on clean data', async () => {
    const migration = new HrPositionDepartment1764400900000();
    const runner = t.dataSource.createQueryRunner();
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const { sales, backend } = await twoDepartments();
      const e = await newEmployee(t, { departmentId: sales.id });
      // As before the migration: no constraint, and an employee of Sales holding an Engineering position.
      await migration.down(runner);
      await t.sql('UPDATE hr_employees SET position_id = $1 WHERE id = $2', [backend.id, e.id]);
      await migration.up(runner);
      expect(await row(e.id)).toMatchObject({ department_id: sales.id, position_id: backend.id });
      const validated = () => t.sql<{ conname: string; convalidated: boolean }>(`SELECT conname, convalidated FROM pg_constraint WHERE conname IN ('fk_hr_employees_position_department', 'ck_hr_employees_position_needs_department') ORDER BY conname`);
      expect(await validated()).toEqual([
        { conname: 'ck_hr_employees_position_needs_department', convalidated: false },
        { conname: 'fk_hr_employees_position_department', convalidated: false },
      ]);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('1 existing employee holds a position of another department'));
      // New writes are checked all the same.
      const other = await newEmployee(t, { departmentId: sales.id });
      await expect(t.sql('UPDATE hr_employees SET position_id = $1 WHERE id = $2', [backend.id, other.id])).rejects.toMatchObject({ constraint: 'fk_hr_employees_position_department' });

      // Fixed data: a second run validates both constraints.
      await t.sql('UPDATE hr_employees SET position_id = NULL WHERE id = $1', [e.id]);
      await migration.down(runner);
      await migration.up(runner);
      expect((await validated()).map((c) => c.convalidated)).toEqual([true, true]);
    } finally {
      warn.mockRestore();
      await runner.release();
    }
  });
});
