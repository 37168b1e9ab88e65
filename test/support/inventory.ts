import { randomBytes } from 'node:crypto';
import { bearer, TestApp } from './test-app';

const code = (prefix: string) => `${prefix}${randomBytes(4).toString('hex').toUpperCase()}`;

async function post<T>(t: TestApp, path: string, body: object): Promise<T> {
  const res = await t.http.post(path).set(bearer(t.adminKey)).send(body);
  if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as T;
}

export interface Item {
  id: string;
  sku: string;
  version: number;
}

export const newItem = (t: TestApp, overrides: Record<string, unknown> = {}) =>
  post<Item>(t, '/inventory/items', { sku: code('SKU-'), name: 'Hex bolt M8', unitOfMeasure: 'pcs', tracking: 'none', valuationMethod: 'moving_average', ...overrides });

export const newSupplier = (t: TestApp, overrides: Record<string, unknown> = {}) =>
  post<{ id: string }>(t, '/inventory/suppliers', { name: 'Acme Supplies', currency: 'EUR', leadTimeDays: 7, ...overrides });

/** A warehouse with one zone holding two bins. */
export async function newWarehouse(t: TestApp) {
  const w = await post<{ id: string; code: string }>(t, '/inventory/warehouses', { code: code('W'), name: 'Main warehouse' });
  const zone = await post<{ id: string }>(t, `/inventory/warehouses/${w.id}/locations`, { code: 'Z1', name: 'Zone 1', kind: 'zone' });
  const binA = await post<{ id: string }>(t, `/inventory/warehouses/${w.id}/locations`, { code: 'A-01', name: 'Bin A-01', kind: 'bin', parentId: zone.id });
  const binB = await post<{ id: string }>(t, `/inventory/warehouses/${w.id}/locations`, { code: 'B-01', name: 'Bin B-01', kind: 'bin', parentId: zone.id });
  return { id: w.id, code: w.code, zone: zone.id, binA: binA.id, binB: binB.id };
}

export interface Move {
  id: string;
  kind: string;
  quantity: string;
  unitCost: string | null;
  totalCost: string | null;
  lotNumber: string | null;
  serialNumber: string | null;
  occurredAt: string;
}

export async function move(t: TestApp, body: Record<string, unknown>): Promise<Move[]> {
  return (await post<{ data: Move[] }>(t, '/inventory/stock-moves', body)).data;
}

export const receive = (t: TestApp, itemId: string, toLocationId: string, quantity: string, unitCost = '1.0000', extra: Record<string, unknown> = {}) =>
  move(t, { kind: 'receipt', itemId, toLocationId, quantity, unitCost, ...extra });

export async function onHand(t: TestApp, itemId: string, locationId: string): Promise<{ onHand: string; reserved: string; available: string; lots: Array<{ lotNumber: string; onHand: string }> } | undefined> {
  const res = await t.http.get('/inventory/stock').query({ itemId, locationId }).set(bearer(t.adminKey));
  if (res.status !== 200) throw new Error(`stock: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data[0];
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
