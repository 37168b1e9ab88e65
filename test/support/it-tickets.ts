import { ItClock } from '../../src/modules/it-tickets';
import { newEmployee } from './factories';
import { bearer, TestApp } from './test-app';

export const SERVICE_DESK = '0193c000-0000-7000-8000-000000000001';
export const ONBOARDING = '0193c000-0000-7000-8000-000000000002';

/** Pins the IT desk clock (SLA clocks run on it) to an instant. */
export const setNow = (t: TestApp, iso: string | null) => t.app.get(ItClock).set(iso);

export async function post<T = any>(t: TestApp, path: string, body: unknown, status = 201): Promise<T> {
  const res = await t.http.post(path).set(bearer(t.adminKey)).send(body as object);
  if (res.status !== status) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as T;
}

export async function act<T = any>(t: TestApp, ticketId: string, verb: string): Promise<T> {
  return post<T>(t, `/it/tickets/${ticketId}/${verb}`, {}, 200);
}

/** Mon–Fri 09:00–17:00 Europe/Berlin with German public holidays. */
export async function berlinCalendar(t: TestApp) {
  return post<{ id: string }>(t, '/it/business-calendars', { name: 'Berlin', timeZone: 'Europe/Berlin', workingDays: [1, 2, 3, 4, 5], startTime: '09:00', endTime: '17:00', holidayCountry: 'DE', holidayRegion: 'BE' });
}

export async function newAgent(t: TestApp, groupIds: string[] = [SERVICE_DESK]) {
  const e = await newEmployee(t);
  await post(t, '/it/agents', { employeeId: e.id, groupIds });
  return e;
}
