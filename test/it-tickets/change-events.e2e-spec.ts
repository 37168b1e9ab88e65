import { IT_SETTINGS_ID, PRIORITY_MATRIX_ID } from '../../src/modules/it-tickets';
import { newEmployee } from '../support/factories';
import { berlinCalendar, post, SERVICE_DESK, setNow } from '../support/it-tickets';
import { bearer, createTestApp, TestApp } from '../support/test-app';

/** Every state change publishes a catalogued event: the desk's configuration too. */
describe('IT change events', () => {
  let t: TestApp;
  let admin: Record<string, string>;

  const events = (aggregateId: string) =>
    t.sql<{ topic: string; aggregate_type: string; payload: Record<string, any> }>('SELECT topic, aggregate_type, payload FROM outbox_events WHERE aggregate_id = $1 ORDER BY occurred_at, id', [aggregateId]);

  beforeAll(async () => {
    t = await createTestApp();
    admin = bearer(t.adminKey);
  });
  afterAll(async () => {
    setNow(t, null);
    await t.close();
  });

  it('a group and an agent\'s creation and updates are events', async () => {
    const group = await post(t, '/it/groups', { code: 'EVENTS', name: 'Events team' });
    expect(await events(group.id)).toEqual([{ topic: 'it.group.created', aggregate_type: 'it_group', payload: { groupId: group.id, code: 'EVENTS', name: 'Events team' } }]);

    const e = await newEmployee(t);
    await post(t, '/it/agents', { employeeId: e.id, groupIds: [SERVICE_DESK] });
    expect((await t.http.patch(`/it/agents/${e.id}`).set(admin).set('If-Match', '"1"').send({ groupIds: [SERVICE_DESK, group.id] })).status).toBe(200);
    expect((await t.http.patch(`/it/agents/${e.id}`).set(admin).send({ active: false })).status).toBe(200);
    const agent = (await events(e.id)).filter((x) => x.aggregate_type === 'it_agent');
    expect(agent.map((x) => [x.topic, x.payload.active, [...x.payload.groupIds].sort(), x.payload.changedFields])).toEqual([
      ['it.agent.created', true, [SERVICE_DESK], []],
      ['it.agent.updated', true, [SERVICE_DESK, group.id].sort(), ['groupIds']],
      ['it.agent.updated', false, [SERVICE_DESK, group.id].sort(), ['active']],
    ]);
    expect(agent[0].payload.employeeId).toBe(e.id);
  });

  it('a business calendar and an SLA policy\'s creation and update are events', async () => {
    const cal = await berlinCalendar(t);
    expect(await events(cal.id)).toEqual([
      {
        topic: 'it.business_calendar.created',
        aggregate_type: 'it_business_calendar',
        payload: { calendarId: cal.id, name: 'Berlin', timeZone: 'Europe/Berlin', workingDays: [1, 2, 3, 4, 5], startTime: '09:00', endTime: '17:00', holidayCountry: 'DE', holidayRegion: 'BE' },
      },
    ]);
    const policy = await post(t, '/it/sla-policies', { name: 'P2 network', priority: 'P2', category: 'network', firstResponseMinutes: 60, resolutionMinutes: 480, calendarId: cal.id });
    const patched = await t.http.patch(`/it/sla-policies/${policy.id}`).set(admin).set('If-Match', '"1"').send({ resolutionMinutes: 240, pausingStates: ['waiting_on_requester'] });
    expect(patched.status).toBe(200);
    const changes = await events(policy.id);
    expect(changes.map((x) => [x.topic, x.aggregate_type, x.payload.resolutionMinutes, x.payload.pausingStates, x.payload.changedFields])).toEqual([
      ['it.sla_policy.created', 'it_sla_policy', 480, ['waiting_on_requester', 'waiting_on_third_party'], []],
      ['it.sla_policy.updated', 'it_sla_policy', 240, ['waiting_on_requester'], ['resolutionMinutes', 'pausingStates']],
    ]);
    expect(changes[0].payload).toEqual({
      policyId: policy.id, name: 'P2 network', ticketType: null, priority: 'P2', category: 'network', firstResponseMinutes: 60, resolutionMinutes: 480,
      calendarId: cal.id, pausingStates: ['waiting_on_requester', 'waiting_on_third_party'], active: true, changedFields: [],
    });
  });

  it('replacing the priority matrix and changing the settings are events naming what changed', async () => {
    const { cells } = (await t.http.get('/it/priority-matrix').set(admin).expect(200)).body as { cells: Array<{ impact: number; urgency: number; priority: string }> };
    const next = cells.map((c) => (c.impact === 3 && c.urgency === 3 ? { ...c, priority: c.priority === 'P1' ? 'P2' : 'P1' } : c));
    expect((await t.http.put('/it/priority-matrix').set(admin).send({ cells: next })).status).toBe(200);
    // the same cells again change nothing: no event (see test/platform/no-op-updates.e2e-spec.ts)
    expect((await t.http.put('/it/priority-matrix').set(admin).send({ cells: next })).status).toBe(200);
    const matrix = await events(PRIORITY_MATRIX_ID);
    expect(matrix.map((x) => [x.topic, x.aggregate_type, x.payload.changedCells])).toEqual([
      ['it.priority_matrix.replaced', 'it_priority_matrix', [{ impact: 3, urgency: 3 }]],
    ]);
    expect(matrix[0].payload.cells).toEqual(next);

    const before = (await t.http.get('/it/settings').set(admin).expect(200)).body;
    expect((await t.http.patch('/it/settings').set(admin).send({ reopenWindowHours: 72 })).status).toBe(200);
    const [settings] = await events(IT_SETTINGS_ID);
    expect(settings).toEqual({ topic: 'it.settings.updated', aggregate_type: 'it_settings', payload: { reopenWindowHours: 72, attachmentMaxBytes: before.attachmentMaxBytes, changedFields: ['reopenWindowHours'] } });
  });

  it('the first response is announced by the comment\'s event, in the same transaction', async () => {
    const cal = await berlinCalendar(t);
    await post(t, '/it/sla-policies', { name: 'P4', priority: 'P4', firstResponseMinutes: 480, resolutionMinutes: 2400, calendarId: cal.id });
    const requester = await newEmployee(t);
    const agent = await newEmployee(t);
    await post(t, '/it/agents', { employeeId: agent.id, groupIds: [SERVICE_DESK] });
    setNow(t, '2026-12-01T09:00:00Z');
    const tk = await post(t, '/it/tickets', { title: 'Mouse broken', type: 'service_request', category: 'hardware', impact: 3, urgency: 3, requesterId: requester.id, groupId: SERVICE_DESK });
    setNow(t, '2026-12-01T09:30:00Z');
    await post(t, `/it/tickets/${tk.id}/comments`, { authorId: agent.id, body: 'On my way.', visibility: 'public' });
    await post(t, `/it/tickets/${tk.id}/comments`, { authorId: agent.id, body: 'Swapped it.', visibility: 'public' });
    expect((await t.http.get(`/it/tickets/${tk.id}`).set(admin)).body.firstResponseAt).toBe('2026-12-01T09:30:00.000Z');
    const comments = (await events(tk.id)).filter((x) => x.topic === 'it.ticket.commented');
    expect(comments.map((x) => x.payload.firstResponse)).toEqual([true, false]);
  });
});
