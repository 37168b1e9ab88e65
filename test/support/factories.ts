import { randomBytes } from 'node:crypto';
import { bearer, TestApp } from './test-app';

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${randomBytes(2).toString('hex')}`;

export function employeeInput(overrides: Record<string, unknown> = {}) {
  const u = unique();
  return {
    firstName: 'Grace',
    lastName: `Hopper${u}`,
    workEmail: `grace.${u}@example.com`,
    hireDate: '2026-01-05',
    employmentType: 'full_time',
    country: 'US',
    ...overrides,
  };
}

export async function newDepartment(t: TestApp, overrides: Record<string, unknown> = {}) {
  const u = unique().toUpperCase().slice(-8);
  const res = await t.http.post('/hr/departments').set(bearer(t.adminKey)).send({ code: `D${u}`, name: `Department ${u}`, ...overrides });
  if (res.status !== 201) throw new Error(`department: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; code: string; version: number };
}

export async function newPosition(t: TestApp, departmentId: string, overrides: Record<string, unknown> = {}) {
  const res = await t.http.post('/hr/positions').set(bearer(t.adminKey)).send({ title: 'Engineer', departmentId, headcountBudget: 2, ...overrides });
  if (res.status !== 201) throw new Error(`position: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; version: number };
}

export async function newEmployee(t: TestApp, overrides: Record<string, unknown> = {}) {
  const res = await t.http.post('/hr/employees').set(bearer(t.adminKey)).send(employeeInput(overrides));
  if (res.status !== 201) throw new Error(`employee: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; employeeNumber: string; version: number; workEmail: string; status: string };
}
