import { randomBytes } from 'node:crypto';
import { bearer, TestApp } from './test-app';

export const uniqueCode = (prefix: string) => `${prefix}${randomBytes(4).toString('hex').toUpperCase()}`;

export async function post<T = Record<string, any>>(t: TestApp, path: string, body: object): Promise<T> {
  const res = await t.http.post(path).set(bearer(t.adminKey)).send(body);
  if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as T;
}

export const address = { line1: 'Hauptstraße 1', city: 'Berlin', postalCode: '10115', countryCode: 'DE' };

export const newSellerProfile = (t: TestApp, overrides: Record<string, unknown> = {}) =>
  post(t, '/invoicing/seller-profiles', { legalName: 'Acme Back Office GmbH', vatId: 'DE123456789', companyId: 'HRB 12345', address, email: 'billing@acme.example', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX', ...overrides });

export const newCustomer = (t: TestApp, overrides: Record<string, unknown> = {}) =>
  post(t, '/invoicing/customers', { legalName: 'Globex Corporation Ltd', tradingName: 'Globex', vatId: 'FR40303265045', billingAddress: { line1: '1 Rue de Rivoli', city: 'Paris', postalCode: '75001', countryCode: 'FR' }, email: 'ap@globex.example', currency: 'EUR', paymentTermsDays: 30, ...overrides });

export const newTaxCategory = (t: TestApp, code: string, rate: string, overrides: Record<string, unknown> = {}) =>
  post(t, '/invoicing/tax-categories', { code, rate, name: `${code} ${rate}%`, validFrom: '2020-01-01', ...overrides });

export const newSeries = (t: TestApp, overrides: Record<string, unknown> = {}) =>
  post(t, '/invoicing/series', { code: uniqueCode('S'), name: 'Main series', pattern: 'INV-{YYYY}-{000000}', yearlyReset: true, ...overrides });

export const newProduct = (t: TestApp, taxCategoryId: string, overrides: Record<string, unknown> = {}) =>
  post(t, '/invoicing/products', { code: uniqueCode('P-'), name: 'Consulting hour', unitCode: 'HUR', unitPrice: '120.00', taxCategoryId, ...overrides });
