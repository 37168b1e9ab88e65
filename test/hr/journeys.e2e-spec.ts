import { HrFacade } from '../../src/modules/hr';
import { RequestContext, SYSTEM_ACTOR } from '../../src/platform/context/request-context';
import { newDepartment, newEmployee } from '../support/factories';
import { bearer, createTestApp, TestApp } from '../support/test-app';

describe('HR onboarding and offboarding journeys', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let onboardingId: string;
  let offboardingId: string;
  let departmentId: string;

  const topics = async (aggregateId: string) =>
    (await t.sql<{ topic: string; payload: Record<string, unknown> }>(`SELECT topic, payload FROM outbox_events WHERE aggregate_id = $1 ORDER BY occurred_at, id`, [aggregateId]));

  beforeAll(async () => {
    t = await createTestApp();
    admin = bearer(t.adminKey);
    departmentId = (await newDepartment(t, { name: 'Legal' })).id;
    const on = await t.http.post('/hr/checklist-templates').set(admin).send({
      name: 'Engineering onboarding', kind: 'onboarding',
      tasks: [
        { title: 'Order a laptop', ownerRole: 'it', dueOffsetDays: -3, kind: 'it_ticket' },
        { title: 'Sign the employment contract', ownerDepartmentId: departmentId, dueOffsetDays: -7, kind: 'contract' },
        { title: 'Welcome lunch', ownerRole: 'manager', dueOffsetDays: 0, kind: 'manual' },
      ],
    });
    expect(on.status).toBe(201);
    onboardingId = on.body.id;
    const off = await t.http.post('/hr/checklist-templates').set(admin).send({ name: 'Leaver', kind: 'offboarding', tasks: [{ title: 'Revoke access', ownerRole: 'it', dueOffsetDays: 1, kind: 'it_ticket' }] });
    offboardingId = off.body.id;
  });
  afterAll(() => t.close());

  it('refuses a task without exactly one owner', async () => {
    const res = await t.http.post('/hr/checklist-templates').set(admin).send({ name: 'Broken', kind: 'onboarding', tasks: [{ title: 'Who?', dueOffsetDays: 0, kind: 'manual' }] });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('task_owner_required');
  });

  it('runs an onboarding journey from the template to completion', async () => {
    const e = await newEmployee(t, { hireDate: '2027-01-04' });
    const res = await t.http.post(`/hr/employees/${e.id}/onboarding`).set(admin).send({ templateId: onboardingId });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'onboarding', anchorDate: '2027-01-04', status: 'in_progress', progress: { done: 0, total: 3, percent: 0 } });
    expect(res.body.tasks.map((x: { dueDate: string; kind: string }) => [x.dueDate, x.kind])).toEqual([['2027-01-01', 'it_ticket'], ['2026-12-28', 'contract'], ['2027-01-04', 'manual']]);
    expect(res.body.tasks[1].ownerDepartmentId).toBe(departmentId);
    const journeyId = res.body.id;
    const [started] = await topics(journeyId);
    expect(started).toMatchObject({ topic: 'hr.onboarding.started', payload: { employeeId: e.id, anchorDate: '2027-01-04' } });
    expect((started.payload.tasks as unknown[]).length).toBe(3);

    const twice = await t.http.post(`/hr/employees/${e.id}/onboarding`).set(admin).send({ templateId: onboardingId });
    expect(twice.status).toBe(409);
    const wrongKind = await t.http.post(`/hr/employees/${e.id}/onboarding`).set(admin).send({ templateId: offboardingId });
    expect(wrongKind.body.code).toBe('template_kind_mismatch');

    let journey = res.body;
    for (const [i, task] of res.body.tasks.entries()) {
      const done = await t.http.post(`/hr/journeys/${journeyId}/tasks/${task.id}/complete`).set(admin).set('X-Acting-User', 'hr.partner@example.com').set('If-Match', `"${journey.version}"`).send({ note: 'done' });
      expect(done.status).toBe(200);
      journey = done.body;
      expect(journey.progress.done).toBe(i + 1);
    }
    expect(journey).toMatchObject({ status: 'completed', progress: { done: 3, total: 3, percent: 100 }, completedAt: expect.any(String) });
    expect(journey.tasks[0]).toMatchObject({ status: 'done', doneBy: 'hr.partner@example.com', note: 'done' });
    const again = await t.http.post(`/hr/journeys/${journeyId}/tasks/${res.body.tasks[0].id}/complete`).set(admin).send({});
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'invalid_state_transition', currentState: 'completed' });
    expect((await topics(journeyId)).map((x) => x.topic)).toEqual(['hr.onboarding.started', 'hr.journey_task.completed', 'hr.journey_task.completed', 'hr.journey_task.completed', 'hr.onboarding.completed']);
    const listed = await t.http.get('/hr/journeys').query({ employeeId: e.id, status: 'completed' }).set(admin);
    expect(listed.body.data.map((j: { id: string }) => j.id)).toEqual([journeyId]);
  });

  it('lets the IT and contracts modules complete their tasks through the facade, idempotently', async () => {
    const e = await newEmployee(t, { hireDate: '2027-02-01' });
    const j = (await t.http.post(`/hr/employees/${e.id}/onboarding`).set(admin).send({ templateId: onboardingId }).expect(201)).body;
    const itTask = j.tasks.find((x: { kind: string }) => x.kind === 'it_ticket');
    const facade = t.app.get(HrFacade);
    const run = () => RequestContext.run({ requestId: 'it-module', actor: SYSTEM_ACTOR, afterCommit: [] }, () => facade.completeJourneyTask(j.id, itTask.id, 'IT-1042 resolved'));
    await run();
    await run();
    const after = (await t.http.get(`/hr/journeys/${j.id}`).set(admin)).body;
    expect(after.progress).toMatchObject({ done: 1, total: 3 });
    expect(after.tasks.find((x: { id: string }) => x.id === itTask.id)).toMatchObject({ status: 'done', note: 'IT-1042 resolved', doneBy: 'system' });
  });

  it('starts offboarding only once a termination is recorded, counting from the last day', async () => {
    const e = await newEmployee(t, { hireDate: '2020-01-06' });
    const early = await t.http.post(`/hr/employees/${e.id}/offboarding`).set(admin).send({ templateId: offboardingId });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('not_terminated');
    await t.http.post(`/hr/employees/${e.id}/terminate`).set(admin).send({ terminationDate: '2027-03-31', reason: 'Resigned' }).expect(200);
    const res = await t.http.post(`/hr/employees/${e.id}/offboarding`).set(admin).send({ templateId: offboardingId });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'offboarding', anchorDate: '2027-03-31', tasks: [expect.objectContaining({ dueDate: '2027-04-01', kind: 'it_ticket' })] });
    expect((await topics(res.body.id)).map((x) => x.topic)).toEqual(['hr.offboarding.started']);
    const cancelled = await t.http.post(`/hr/journeys/${res.body.id}/cancel`).set(admin);
    expect(cancelled.body.status).toBe('cancelled');
  });
});
