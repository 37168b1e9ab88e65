import { newDepartment, newEmployee, newPosition } from '../support/factories';
import { bearer, createTestApp, TestApp } from '../support/test-app';

describe('HR departments and positions', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    admin = bearer(t.adminKey);
  });
  afterAll(() => t.close());

  it('builds a department tree and lists children and top-level departments', async () => {
    const root = await newDepartment(t, { name: 'Engineering', costCenter: 'CC-4000' });
    const child = await newDepartment(t, { name: 'Platform', parentId: root.id });
    const res = await t.http.get('/hr/departments').query({ parentId: root.id }).set(admin);
    expect(res.status).toBe(200);
    expect(res.body.data.map((d: { id: string }) => d.id)).toEqual([child.id]);
    const top = await t.http.get('/hr/departments').query({ topLevel: 'true', limit: 200 }).set(admin);
    expect(top.body.data.map((d: { id: string }) => d.id)).toContain(root.id);
    expect(top.body.data.map((d: { id: string }) => d.id)).not.toContain(child.id);
  });

  it('refuses a duplicate code with 409 naming the field', async () => {
    const d = await newDepartment(t);
    const res = await t.http.post('/hr/departments').set(admin).send({ code: d.code, name: 'Copy' });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'unique_violation', field: 'code' });
  });

  it('refuses to move a department under itself or its own descendant', async () => {
    const a = await newDepartment(t, { name: 'A' });
    const b = await newDepartment(t, { name: 'B', parentId: a.id });
    const c = await newDepartment(t, { name: 'C', parentId: b.id });
    const self = await t.http.patch(`/hr/departments/${a.id}`).set(admin).send({ parentId: a.id });
    expect(self.status).toBe(422);
    expect(self.body.code).toBe('department_cycle');
    const loop = await t.http.patch(`/hr/departments/${a.id}`).set(admin).send({ parentId: c.id });
    expect(loop.status).toBe(422);
    expect(loop.body).toMatchObject({ code: 'department_cycle', errors: [{ field: 'parentId' }] });
    expect((await t.http.get(`/hr/departments/${a.id}`).set(admin)).body.parentId).toBeNull();
    // Moving a leaf elsewhere is fine, and bumps the version.
    const other = await newDepartment(t, { name: 'D' });
    const moved = await t.http.patch(`/hr/departments/${c.id}`).set(admin).set('If-Match', '"1"').send({ parentId: other.id });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ parentId: other.id, version: 2 });
  });

  it('two concurrent moves cannot build a department loop', async () => {
    const a = await newDepartment(t);
    const b = await newDepartment(t);
    const [r1, r2] = await Promise.all([
      t.http.patch(`/hr/departments/${a.id}`).set(admin).send({ parentId: b.id }),
      t.http.patch(`/hr/departments/${b.id}`).set(admin).send({ parentId: a.id }),
    ]);
    expect([r1.status, r2.status].sort()).toEqual([200, 422]);
  });

  it('sets and clears the head employee; an unknown head is 422', async () => {
    const d = await newDepartment(t);
    const e = await newEmployee(t, { departmentId: d.id });
    const set = await t.http.patch(`/hr/departments/${d.id}`).set(admin).send({ headEmployeeId: e.id });
    expect(set.body.headEmployeeId).toBe(e.id);
    // The head cannot be deleted while heading the department.
    expect((await t.http.delete(`/hr/employees/${e.id}`).set(admin)).body.code).toBe('still_referenced');
    const cleared = await t.http.patch(`/hr/departments/${d.id}`).set(admin).send({ headEmployeeId: null });
    expect(cleared.body.headEmployeeId).toBeNull();
    const bad = await t.http.patch(`/hr/departments/${d.id}`).set(admin).send({ headEmployeeId: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10' });
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ code: 'invalid_reference', field: 'headEmployeeId' });
    const nulled = await t.http.patch(`/hr/departments/${d.id}`).set(admin).send({ name: null });
    expect(nulled.status).toBe(422);
    expect(nulled.body.errors).toEqual([{ field: 'name', message: 'name must not be null' }]);
  });

  it('derives the filled count of a position from its employees (terminated ones excluded)', async () => {
    const d = await newDepartment(t);
    const p = await newPosition(t, d.id, { title: 'Data Engineer', grade: 'L4', headcountBudget: 3 });
    const e1 = await newEmployee(t, { departmentId: d.id, positionId: p.id });
    await newEmployee(t, { departmentId: d.id, positionId: p.id });
    let got = await t.http.get(`/hr/positions/${p.id}`).set(admin);
    expect(got.body).toMatchObject({ title: 'Data Engineer', grade: 'L4', headcountBudget: 3, filledCount: 2, openCount: 1 });
    await t.http.post(`/hr/employees/${e1.id}/terminate`).set(admin).send({ terminationDate: '2026-02-01', reason: 'Left' }).expect(200);
    got = await t.http.get(`/hr/positions/${p.id}`).set(admin);
    expect(got.body).toMatchObject({ filledCount: 1, openCount: 2 });
    const listed = await t.http.get('/hr/positions').query({ departmentId: d.id }).set(admin);
    expect(listed.body.data).toEqual([expect.objectContaining({ id: p.id, filledCount: 1, openCount: 2 })]);
  });

  it('updates a position, honours If-Match, and refuses deleting a filled one', async () => {
    const d = await newDepartment(t);
    const p = await newPosition(t, d.id);
    const up = await t.http.patch(`/hr/positions/${p.id}`).set(admin).set('If-Match', '"1"').send({ headcountBudget: 5 });
    expect(up.body).toMatchObject({ headcountBudget: 5, version: 2 });
    expect((await t.http.patch(`/hr/positions/${p.id}`).set(admin).set('If-Match', '"1"').send({ headcountBudget: 6 })).status).toBe(412);
    const neg = await t.http.patch(`/hr/positions/${p.id}`).set(admin).send({ headcountBudget: -1 });
    expect(neg.status).toBe(422);
    await newEmployee(t, { positionId: p.id });
    expect((await t.http.delete(`/hr/positions/${p.id}`).set(admin)).status).toBe(409);
    const empty = await newPosition(t, d.id);
    expect((await t.http.delete(`/hr/positions/${empty.id}`).set(admin)).status).toBe(204);
    expect((await t.http.get(`/hr/positions/${empty.id}`).set(admin)).status).toBe(404);
  });

  it('paginates departments by name without repeats or gaps', async () => {
    const created = [];
    for (let i = 0; i < 7; i++) created.push((await newDepartment(t, { name: `Zeta pagination ${i % 3}` })).id);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 50; page++) {
      const res = await t.http.get('/hr/departments').query({ limit: 3, sort: '-name', ...(cursor ? { cursor } : {}) }).set(admin);
      expect(res.status).toBe(200);
      seen.push(...res.body.data.map((d: { id: string }) => d.id));
      cursor = res.body.nextCursor ?? undefined;
      if (!cursor) break;
    }
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of created) expect(seen).toContain(id);
    const total = Number((await t.sql<{ n: string }>('SELECT count(*) AS n FROM hr_departments'))[0].n);
    expect(seen).toHaveLength(total);
  });

  it('a cursor from one sort is refused for another', async () => {
    await newDepartment(t);
    await newDepartment(t);
    const first = await t.http.get('/hr/departments').query({ limit: 1, sort: 'name' }).set(admin);
    const res = await t.http.get('/hr/departments').query({ limit: 1, sort: 'code', cursor: first.body.nextCursor }).set(admin);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('invalid_cursor');
  });

  it('publishes department and position changes as events, naming the changed fields', async () => {
    const d = await newDepartment(t, { name: 'Events dept' });
    const renamed = await t.http.patch(`/hr/departments/${d.id}`).set(admin).send({ name: 'Events department', costCenter: 'CC-9' });
    expect(renamed.status).toBe(200);
    const p = await newPosition(t, d.id, { title: 'Events analyst' });
    expect((await t.http.patch(`/hr/positions/${p.id}`).set(admin).send({ headcountBudget: 5 })).status).toBe(200);
    expect((await t.http.delete(`/hr/positions/${p.id}`).set(admin)).status).toBe(204);
    const events = await t.sql<{ topic: string; payload: Record<string, unknown> }>(
      `SELECT topic, payload FROM outbox_events WHERE aggregate_id IN ($1, $2) ORDER BY occurred_at, id`,
      [d.id, p.id],
    );
    expect(events.map((e) => [e.topic, e.payload.changedFields])).toEqual([
      ['hr.department.created', []],
      ['hr.department.updated', ['name', 'costCenter']],
      ['hr.position.created', []],
      ['hr.position.updated', ['headcountBudget']],
      ['hr.position.deleted', []],
    ]);
    expect(events[1].payload).toMatchObject({ departmentId: d.id, name: 'Events department', costCenter: 'CC-9' });
  });
});
