import { SlaMonitorService } from '../../src/modules/it-tickets';
import { newEmployee } from '../support/factories';
import { act, berlinCalendar, newAgent, post, SERVICE_DESK, setNow } from '../support/it-tickets';
import { bearer, createTestApp, TestApp } from '../support/test-app';

describe('IT tickets: lifecycle, SLA clocks, queue, job and report', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let requester: { id: string };
  let agent: { id: string };
  let p1: { id: string };
  let p2: { id: string };

  beforeAll(async () => {
    t = await createTestApp();
    admin = bearer(t.adminKey);
    const cal = await berlinCalendar(t);
    p1 = await post(t, '/it/sla-policies', { name: 'P1', priority: 'P1', firstResponseMinutes: 15, resolutionMinutes: 120, calendarId: cal.id });
    p2 = await post(t, '/it/sla-policies', { name: 'P2 incidents', ticketType: 'incident', priority: 'P2', firstResponseMinutes: 60, resolutionMinutes: 240, calendarId: cal.id });
    await post(t, '/it/sla-policies', { name: 'P3', priority: 'P3', firstResponseMinutes: 240, resolutionMinutes: 960, calendarId: cal.id });
    requester = await newEmployee(t);
    agent = await newAgent(t);
  });
  afterAll(async () => {
    setNow(t, null);
    await t.close();
  });

  const raise = async (at: string, overrides: Record<string, unknown> = {}) => {
    setNow(t, at);
    return post(t, '/it/tickets', { title: 'VPN drops', type: 'incident', category: 'network', impact: 2, urgency: 1, requesterId: requester.id, groupId: SERVICE_DESK, ...overrides });
  };
  const reply = (id: string, at: string, authorId = agent.id, visibility = 'public') => {
    setNow(t, at);
    return post(t, `/it/tickets/${id}/comments`, { authorId, body: 'On it.', visibility });
  };
  const step = (id: string, at: string, verb: string) => {
    setNow(t, at);
    return act(t, id, verb);
  };
  const get = async (id: string) => (await t.http.get(`/it/tickets/${id}`).set(admin).expect(200)).body;
  const topics = async (id: string) =>
    (await t.sql<{ topic: string }>(`SELECT topic FROM outbox_events WHERE aggregate_id = $1 ORDER BY occurred_at, id`, [id])).map((r) => r.topic);

  it('full lifecycle inside the targets: first response, a pause over a night, resolution, close', async () => {
    // Mon 2026-11-30 09:00 Berlin (UTC+1)
    const tk = await raise('2026-11-30T08:00:00Z');
    expect(tk).toMatchObject({ status: 'new', priority: 'P2', sla: { policyId: p2.id } });
    expect(tk.number).toMatch(/^IT-\d{4,}$/);
    expect(tk.sla.firstResponse).toMatchObject({ targetMinutes: 60, elapsedMinutes: 0, dueAt: '2026-11-30T09:00:00.000Z', state: 'running' });
    expect(tk.sla.resolution).toMatchObject({ targetMinutes: 240, dueAt: '2026-11-30T12:00:00.000Z', atRiskAt: '2026-11-30T11:12:00.000Z' });

    await reply(tk.id, '2026-11-30T08:10:00Z', agent.id, 'internal'); // internal note: not a response
    await reply(tk.id, '2026-11-30T08:15:00Z', requester.id); // the requester: not a response
    expect((await get(tk.id)).firstResponseAt).toBeNull();
    await reply(tk.id, '2026-11-30T08:30:00Z');
    await step(tk.id, '2026-11-30T08:30:00Z', 'start');
    await step(tk.id, '2026-11-30T09:00:00Z', 'wait-on-requester');
    const paused = await get(tk.id);
    expect(paused.sla.resolution).toMatchObject({ elapsedMinutes: 60, state: 'paused', dueAt: null });
    await step(tk.id, '2026-12-01T08:00:00Z', 'resume'); // Tue 09:00
    const resolved = await step(tk.id, '2026-12-01T09:00:00Z', 'resolve');
    expect(resolved.firstResponseAt).toBe('2026-11-30T08:30:00.000Z');
    expect(resolved.sla.firstResponse).toMatchObject({ elapsedMinutes: 30, state: 'met', breached: false });
    // Mon 09–10 and Tue 09–10 count; Mon 10–17 was paused; the night is not business time.
    expect(resolved.sla.resolution).toMatchObject({ elapsedMinutes: 120, pausedMinutes: 420, state: 'met', breached: false });
    const closed = await step(tk.id, '2026-12-01T10:00:00Z', 'close');
    expect(closed).toMatchObject({ status: 'closed', allowedActions: [] });

    const refused = await t.http.post(`/it/tickets/${tk.id}/reopen`).set(admin);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'invalid_state_transition', currentState: 'closed' });
    const history = (await t.http.get(`/it/tickets/${tk.id}/history`).set(admin).expect(200)).body.data;
    expect(history.map((h: { action: string; toStatus: string }) => `${h.action}:${h.toStatus}`)).toEqual(['create:new', 'start:in_progress', 'wait_on_requester:waiting_on_requester', 'resume:in_progress', 'resolve:resolved', 'close:closed']);
    expect(await topics(tk.id)).toEqual(expect.arrayContaining(['it.ticket.created', 'it.ticket.assigned', 'it.ticket.commented', 'it.ticket.started', 'it.ticket.put_on_hold', 'it.ticket.resumed', 'it.ticket.resolved', 'it.ticket.closed']));
    expect(await topics(tk.id)).not.toContain('it.ticket.sla_breached');
  });

  it('outside the targets: late first response and late resolution are breached', async () => {
    const tk = await raise('2026-11-30T08:00:00Z');
    await reply(tk.id, '2026-11-30T09:30:00Z'); // 10:30 local: 90 of 60 minutes
    const done = await step(tk.id, '2026-11-30T13:00:00Z', 'resolve'); // 14:00 local: 300 of 240
    expect(done.sla.firstResponse).toMatchObject({ elapsedMinutes: 90, state: 'breached', breached: true });
    expect(done.sla.resolution).toMatchObject({ elapsedMinutes: 300, state: 'breached', breached: true, dueAt: '2026-11-30T12:00:00.000Z' });
  });

  it('reopens within the window (the clock runs on) and refuses after it', async () => {
    const tk = await raise('2026-11-30T08:00:00Z');
    await step(tk.id, '2026-11-30T08:30:00Z', 'resolve');
    const reopened = await step(tk.id, '2026-11-30T10:00:00Z', 'reopen');
    expect(reopened).toMatchObject({ status: 'reopened', resolvedAt: null });
    // 30 minutes used; 210 left from 11:00 local → 14:30 local
    expect(reopened.sla.resolution).toMatchObject({ elapsedMinutes: 30, pausedMinutes: 0, state: 'running', dueAt: '2026-11-30T13:30:00.000Z' });
    expect((await step(tk.id, '2026-11-30T11:00:00Z', 'resolve')).sla.resolution.elapsedMinutes).toBe(90);

    const settings = await t.http.patch('/it/settings').set(admin).send({ reopenWindowHours: 1 }).expect(200);
    setNow(t, '2026-11-30T12:30:00Z');
    const late = await t.http.post(`/it/tickets/${tk.id}/reopen`).set(admin);
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'reopen_window_expired', reopenWindowHours: 1 });
    await t.http.patch('/it/settings').set(admin).set('If-Match', `"${settings.body.version}"`).send({ reopenWindowHours: 168 }).expect(200);
  });

  it('a priority change mid-ticket re-matches the policy and keeps paused time', async () => {
    const tk = await raise('2026-11-30T08:00:00Z', { impact: 2, urgency: 2 });
    expect(tk.priority).toBe('P3');
    await step(tk.id, '2026-11-30T09:00:00Z', 'wait-on-third-party');
    await step(tk.id, '2026-11-30T10:00:00Z', 'resume');
    setNow(t, '2026-11-30T11:00:00Z');
    const current = await get(tk.id);
    const res = await t.http.patch(`/it/tickets/${tk.id}`).set(admin).set('If-Match', `"${current.version}"`).send({ impact: 1, urgency: 1 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ priority: 'P1', sla: { policyId: p1.id } });
    // 09–10 and 11–12 local ran: 120 of the P1 target 120, due right now; 60 paused minutes kept.
    expect(res.body.sla.resolution).toMatchObject({ targetMinutes: 120, elapsedMinutes: 120, pausedMinutes: 60, breached: false, dueAt: '2026-11-30T11:00:00.000Z' });
    expect(res.body.sla.firstResponse).toMatchObject({ targetMinutes: 15, breached: true });
    const stale = await t.http.patch(`/it/tickets/${tk.id}`).set(admin).set('If-Match', `"${current.version}"`).send({ title: 'x' });
    expect(stale.status).toBe(412);
  });

  it('the SLA job fires at-risk and breached once per target, however often it runs', async () => {
    const tk = await raise('2026-11-30T08:00:00Z');
    const monitor = t.app.get(SlaMonitorService);
    const count = async (topic: string) => (await topics(tk.id)).filter((x) => x === topic).length;
    setNow(t, '2026-11-30T09:30:00Z'); // first response 90/60 min, resolution 90/240
    await monitor.checkDue();
    await monitor.checkDue();
    expect([await count('it.ticket.sla_at_risk'), await count('it.ticket.sla_breached')]).toEqual([1, 1]);
    const breached = (await t.http.get('/it/tickets').query({ breached: 'true', requesterId: requester.id, limit: 200 }).set(admin)).body.data.map((x: { id: string }) => x.id);
    expect(breached).toContain(tk.id);

    setNow(t, '2026-11-30T12:30:00Z'); // resolution 270/240
    await Promise.all([monitor.checkDue(), monitor.checkDue()]);
    await monitor.checkDue();
    expect([await count('it.ticket.sla_at_risk'), await count('it.ticket.sla_breached')]).toEqual([2, 2]);
    const [payload] = await t.sql<{ payload: { target: string; elapsedMinutes: number } }>(
      `SELECT payload FROM outbox_events WHERE aggregate_id = $1 AND topic = 'it.ticket.sla_breached' AND payload->>'target' = 'resolution'`,
      [tk.id],
    );
    expect(payload.payload.elapsedMinutes).toBe(270);
    expect((await get(tk.id)).sla.resolution).toMatchObject({ breached: true, state: 'breached' });
  });

  it('the queue lists open tickets most urgent first, with filters', async () => {
    const group = await post(t, '/it/groups', { code: `Q${Date.now()}`, name: 'Queue test' });
    const slow = await raise('2026-12-02T08:00:00Z', { impact: 3, urgency: 3, groupId: group.id }); // P4: no policy
    const fast = await raise('2026-12-02T08:00:00Z', { impact: 1, urgency: 1, groupId: group.id });
    const mid = await raise('2026-12-02T08:00:00Z', { groupId: group.id });
    const gone = await raise('2026-12-02T08:00:00Z', { groupId: group.id });
    await step(gone.id, '2026-12-02T08:05:00Z', 'resolve');
    setNow(t, '2026-12-02T08:10:00Z');
    const queue = (await t.http.get('/it/queue').query({ groupId: group.id }).set(admin).expect(200)).body;
    expect(queue.data.map((x: { id: string }) => x.id)).toEqual([fast.id, mid.id, slow.id]);
    expect(queue.data[2].sla.resolution).toBeNull();
    const page = (await t.http.get('/it/queue').query({ groupId: group.id, limit: 1 }).set(admin)).body;
    const next = (await t.http.get('/it/queue').query({ groupId: group.id, limit: 2, cursor: page.nextCursor }).set(admin)).body;
    expect(next.data.map((x: { id: string }) => x.id)).toEqual([mid.id, slow.id]);
    setNow(t, '2026-12-02T08:13:00Z'); // P1 first response at risk after 12 of 15 minutes
    const atRisk = (await t.http.get('/it/tickets').query({ groupId: group.id, atRisk: 'true' }).set(admin)).body.data;
    expect(atRisk.map((x: { id: string }) => x.id)).toEqual([fast.id]);
    const p1s = (await t.http.get('/it/tickets').query({ groupId: group.id, priority: 'P1' }).set(admin)).body.data;
    expect(p1s.map((x: { id: string }) => x.id)).toEqual([fast.id]);
  });

  it('refuses unknown requesters, non-agents and missing scopes', async () => {
    setNow(t, '2026-12-02T08:00:00Z');
    const noOne = await t.http.post('/it/tickets').set(admin).send({ title: 'x', type: 'incident', category: 'x', impact: 1, urgency: 1, requesterId: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f99' });
    expect(noOne.status).toBe(422);
    expect(noOne.body.code).toBe('unknown_employee');
    const notAgent = await t.http.post('/it/tickets').set(admin).send({ title: 'x', type: 'incident', category: 'x', impact: 1, urgency: 1, requesterId: requester.id, assigneeId: requester.id });
    expect(notAgent.body.code).toBe('not_an_agent');
    const group = await post(t, '/it/groups', { code: `G${Date.now()}`, name: 'Other' });
    const wrongGroup = await t.http.post('/it/tickets').set(admin).send({ title: 'x', type: 'incident', category: 'x', impact: 1, urgency: 1, requesterId: requester.id, assigneeId: agent.id, groupId: group.id });
    expect(wrongGroup.body.code).toBe('agent_not_in_group');
    const reader = await t.key(['hr:read']);
    expect((await t.http.get('/it/tickets').set(bearer(reader))).status).toBe(403);
    const writer = await t.key(['it:write']);
    const cal = await t.http.post('/it/business-calendars').set(bearer(writer)).send({ name: 'x', timeZone: 'UTC', workingDays: [1], startTime: '09:00', endTime: '17:00' });
    expect(cal.status).toBe(403);
    const badZone = await t.http.post('/it/business-calendars').set(admin).send({ name: 'x', timeZone: 'Mars/Olympus', workingDays: [1], startTime: '09:00', endTime: '17:00' });
    expect(badZone.body.code).toBe('unknown_time_zone');
    const badRegion = await t.http.post('/it/business-calendars').set(admin).send({ name: 'x', timeZone: 'UTC', workingDays: [1], startTime: '09:00', endTime: '17:00', holidayCountry: 'DE', holidayRegion: 'XX' });
    expect(badRegion.body.code).toBe('unknown_holiday_region');
  });

  it('numbers tickets without gaps under parallel creation', async () => {
    setNow(t, '2026-12-02T08:00:00Z');
    const made = await Promise.all(Array.from({ length: 6 }, () => t.http.post('/it/tickets').set(admin).send({ title: 'x', type: 'access', category: 'x', impact: 3, urgency: 3, requesterId: requester.id })));
    const numbers = made.map((r) => Number(r.body.number.slice(3))).sort((a, b) => a - b);
    expect(numbers[5] - numbers[0]).toBe(5);
  });

  it('the SLA report matches hand-computed figures', async () => {
    // Mon 2027-02-01, Berlin UTC+1, tickets raised at 09:00 local.
    const other = await post(t, '/it/groups', { code: `R${Date.now()}`, name: 'Report B' });
    const run = async (overrides: Record<string, unknown>, respondAt: string, resolveAt: string) => {
      const tk = await raise('2027-02-01T08:00:00Z', overrides);
      await reply(tk.id, respondAt);
      await step(tk.id, resolveAt, 'resolve');
    };
    await run({}, '2027-02-01T08:30:00Z', '2027-02-01T10:00:00Z'); // P2: 30 met, 120 met
    await run({}, '2027-02-01T09:30:00Z', '2027-02-01T13:00:00Z'); // P2: 90 breached, 300 breached
    await run({}, '2027-02-01T08:45:00Z', '2027-02-01T11:20:00Z'); // P2: 45 met, 200 met
    await run({ impact: 1, urgency: 1, groupId: other.id }, '2027-02-01T08:10:00Z', '2027-02-01T10:10:00Z'); // P1: 10 met, 130 breached
    const report = (await t.http.get('/it/reports/sla').query({ from: '2027-02-01', to: '2027-02-01' }).set(admin).expect(200)).body;
    const figures = (r: { tickets: number; firstResponse: object; resolution: object }) => [r.tickets, r.firstResponse, r.resolution];
    const p = Object.fromEntries(report.byPriority.map((r: { priority: string }) => [r.priority, r]));
    expect(figures(p.P2)).toEqual([3, { met: 2, breached: 1, metPercent: '66.7', medianBusinessMinutes: 45 }, { met: 2, breached: 1, metPercent: '66.7', medianBusinessMinutes: 200 }]);
    expect(figures(p.P1)).toEqual([1, { met: 1, breached: 0, metPercent: '100.0', medianBusinessMinutes: 10 }, { met: 0, breached: 1, metPercent: '0.0', medianBusinessMinutes: 130 }]);
    const g = Object.fromEntries(report.byGroup.map((r: { groupId: string }) => [r.groupId, r]));
    expect(g[SERVICE_DESK].tickets).toBe(3);
    expect(g[other.id].tickets).toBe(1);
    expect(figures(report.total)).toEqual([4, { met: 3, breached: 1, metPercent: '75.0', medianBusinessMinutes: 37.5 }, { met: 2, breached: 2, metPercent: '50.0', medianBusinessMinutes: 165 }]);
    const bad = await t.http.get('/it/reports/sla').query({ from: '2027-02-02', to: '2027-02-01' }).set(admin);
    expect(bad.status).toBe(422);
  });
});
