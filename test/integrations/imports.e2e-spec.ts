import http from 'node:http';
import { AddressInfo } from 'node:net';
import { Facades, importKinds } from '../../src/modules/integrations/imports/import-kinds';
import { newWarehouse } from '../support/inventory';
import { bearer, createTestApp, TestApp } from '../support/test-app';

const LIMIT = 200_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('integrations: CSV imports', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp({ IMPORT_MAX_BYTES: String(LIMIT) });
    admin = bearer(t.adminKey);
  });
  afterAll(() => t.close());

  const importCsv = (kind: string, csv: string, mode = 'commit', headers: Record<string, string> = admin) =>
    t.http.post(`/imports?kind=${kind}&mode=${mode}`).set(headers).set('Content-Type', 'text/csv').send(csv);
  const listening = async () => {
    const server = t.app.getHttpServer() as http.Server;
    if (!server.listening) await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    return (server.address() as AddressInfo).port;
  };
  const departmentCodes = async (prefix: string) =>
    (await t.sql<{ code: string }>(`SELECT code FROM hr_departments WHERE code LIKE $1 ORDER BY code`, [`${prefix}%`])).map((r) => r.code);

  it('imports nothing when rows are bad, lists each bad row and field, then imports the fixed file in full', async () => {
    const existing = await t.http.post('/hr/departments').set(admin).send({ code: 'QOLD', name: 'Existing' });
    expect(existing.status).toBe(201);
    const bad = [
      'code,name,costCenter,parentCode',
      'QENG,Engineering,CC-4000,', // 1 fine
      'q bad,Lower case code,,', // 2 bad field
      'QENG,Engineering again,,', // 3 duplicate within the file
      'QOLD,Duplicate of an existing one,,', // 4 duplicate of an existing row
      'QOPS,Operations,,QNOPE', // 5 unknown reference
      'QENG-PLAT,Platform,CC-4100,QENG', // 6 fine (parent on an earlier row)
    ].join('\n');
    const res = await importCsv('departments', bad);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'import_rejected', errorCount: 4 });
    expect(res.body.rowErrors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([
      [2, 'code'],
      [3, 'code'],
      [4, 'code'],
      [5, 'parentCode'],
    ]);
    expect(res.body.errors[0].field).toBe('rows[2].code');
    expect(await departmentCodes('Q')).toEqual(['QOLD']);

    const run = await t.http.get(`/imports/${res.body.importId}`).set(admin);
    expect(run.body).toMatchObject({ status: 'failed', kind: 'departments', mode: 'commit', processedRows: 6, importedRows: 0, errorCount: 4 });
    const page1 = await t.http.get(`/imports/${res.body.importId}/errors?limit=3`).set(admin);
    expect(page1.body.data.map((e: { row: number }) => e.row)).toEqual([2, 3, 4]);
    const page2 = await t.http.get(`/imports/${res.body.importId}/errors?limit=3&cursor=${page1.body.nextCursor}`).set(admin);
    expect(page2.body).toMatchObject({ data: [{ row: 5, field: 'parentCode' }], nextCursor: null });
    const [failedEvent] = await t.sql(`SELECT payload FROM outbox_events WHERE topic = 'integrations.import.failed' AND aggregate_id = $1`, [res.body.importId]);
    expect(failedEvent.payload).toMatchObject({ status: 'failed', errorCount: 4 });

    const fixed = ['code,name,costCenter,parentCode', 'QENG,Engineering,CC-4000,', 'QOPS,Operations,,', 'QENG-PLAT,Platform,CC-4100,QENG', 'QOPS-FAC,Facilities,,QOPS'].join('\n');
    const ok = await importCsv('departments', fixed);
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ status: 'committed', processedRows: 4, importedRows: 4, errorCount: 0 });
    const listed = await t.http.get('/hr/departments?limit=200').set(admin);
    const byCode = new Map(listed.body.data.map((d: { code: string; id: string; parentId: string | null }) => [d.code, d]));
    expect((byCode.get('QENG-PLAT') as { parentId: string }).parentId).toBe((byCode.get('QENG') as { id: string }).id);
    expect(await departmentCodes('Q')).toEqual(['QENG', 'QENG-PLAT', 'QOLD', 'QOPS', 'QOPS-FAC']);
    const [audits] = await t.sql<{ n: string }>(`SELECT count(*) AS n FROM audit_events WHERE action = 'hr.department.created' AND request_id = $1`, [ok.headers['x-request-id']]);
    expect(Number(audits.n)).toBe(4);
    const [done] = await t.sql(`SELECT payload FROM outbox_events WHERE topic = 'integrations.import.completed' AND aggregate_id = $1`, [ok.body.id]);
    expect(done.payload).toMatchObject({ status: 'committed', importedRows: 4 });
  });

  it('validate mode checks everything (database refusals included) and writes nothing', async () => {
    const good = await t.http.post('/imports?kind=departments&mode=validate').set(admin).set('Content-Type', 'text/csv; charset=utf-8').send('code,name\nVAL-A,Alpha\nVAL-B,Beta\n');
    expect(good.status).toBe(201);
    expect(good.body).toMatchObject({ status: 'validated', mode: 'validate', processedRows: 2, importedRows: 2 });
    expect(await departmentCodes('VAL-')).toEqual([]);
    const dup = await importCsv('departments', 'code,name\nVAL-A,Alpha\nVAL-A,Again\n', 'validate');
    expect(dup.status).toBe(422);
    expect(dup.body.rowErrors).toEqual([expect.objectContaining({ row: 2, field: 'code' })]);
    expect(await departmentCodes('VAL-')).toEqual([]);
  });

  it('accepts the documented example file of every kind that needs no other data (validate mode)', async () => {
    for (const def of Object.values(importKinds({} as Facades)).filter((k) => k.kind !== 'opening-stock')) {
      const res = await importCsv(def.kind, def.example, 'validate');
      expect([def.kind, res.status, res.body.status]).toEqual([def.kind, 201, 'validated']);
    }
  });

  it('refuses a header naming unknown columns, and a body that is not CSV', async () => {
    const res = await importCsv('departments', 'code,name,colour\nHX,Header test,red\n');
    expect(res.status).toBe(422);
    expect(res.body.rowErrors).toEqual([{ row: 0, field: 'colour', message: 'is not a column of this kind' }]);
    const json = await t.http.post('/imports?kind=departments').set(admin).send({ code: 'X' });
    expect(json.status).toBe(415);
    const other = await t.http.post('/hr/departments').set(admin).set('Content-Type', 'text/csv').send('code,name\nX,Y\n');
    expect(other.status).toBe(415);
  });

  it('imports customers with a Peppol electronic address from the two flat columns, and nothing when one row has a bad one', async () => {
    const header = 'legalName,billingAddress.line1,billingAddress.city,billingAddress.countryCode,currency,electronicAddressScheme,electronicAddressId';
    const bad = [
      header,
      'Fjord Shipping AS,Strandkaien 1,Bergen,NO,NOK,0192,974760673', // 1 fine
      'Lakeside GmbH,Seestrasse 1,Zürich,CH,CHF,0088,7610000000001', // 2 bad GLN check digit
      'Nowhere Inc,1 Main St,Austin,US,USD,9999,123', // 3 scheme not in the Peppol list
      'Half Address Ltd,1 High St,Leeds,GB,GBP,0060,', // 4 scheme without id
      'Plain Customer Ltd,2 High St,York,GB,GBP,,', // 5 fine: no address at all
    ].join('\n');
    const rejected = await importCsv('customers', bad);
    expect(rejected.status).toBe(422);
    expect(rejected.body).toMatchObject({ code: 'import_rejected', errorCount: 3 });
    expect(rejected.body.rowErrors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([[2, 'electronicAddressId'], [3, 'electronicAddressScheme'], [4, 'electronicAddressId']]);
    expect(rejected.body.rowErrors[0].message).toContain('GS1 check digit');
    const names = ['Fjord Shipping AS', 'Lakeside GmbH', 'Nowhere Inc', 'Half Address Ltd', 'Plain Customer Ltd'];
    expect(await t.sql('SELECT 1 FROM invc_customers WHERE legal_name = ANY($1)', [names])).toEqual([]);
    // The dotted field names are not columns: the flat ones are.
    const dotted = await importCsv('customers', 'legalName,billingAddress.line1,billingAddress.city,billingAddress.countryCode,currency,electronicAddress.scheme\nX,1 St,Oslo,NO,NOK,0192\n');
    expect(dotted.status).toBe(422);
    expect(dotted.body.rowErrors).toEqual([{ row: 0, field: 'electronicAddress.scheme', message: 'is not a column of this kind' }]);

    const good = await importCsv('customers', [header, 'Fjord Shipping AS,Strandkaien 1,Bergen,NO,NOK,0192,974760673', 'Plain Customer Ltd,2 High St,York,GB,GBP,,'].join('\n'));
    expect(good.status).toBe(201);
    const rows = await t.sql<{ legal_name: string; electronic_address_scheme: string | null; electronic_address_id: string | null }>(
      'SELECT legal_name, electronic_address_scheme, electronic_address_id FROM invc_customers WHERE legal_name = ANY($1) ORDER BY legal_name',
      [names],
    );
    expect(rows).toEqual([
      { legal_name: 'Fjord Shipping AS', electronic_address_scheme: '0192', electronic_address_id: '974760673' },
      { legal_name: 'Plain Customer Ltd', electronic_address_scheme: null, electronic_address_id: null },
    ]);
  });

  it('imports customers (nested columns), items and opening stock through their modules', async () => {
    const customers = await importCsv(
      'customers',
      'legalName,billingAddress.line1,billingAddress.city,billingAddress.postalCode,billingAddress.countryCode,currency,paymentTermsDays\nImported Customer Ltd,1 Main St,Springfield,12345,US,USD,45\n',
    );
    expect(customers.status).toBe(201);
    const [c] = await t.sql<{ payment_terms_days: number; billing_address: { city: string } }>(`SELECT payment_terms_days, billing_address FROM invc_customers WHERE legal_name = 'Imported Customer Ltd'`);
    expect(c).toMatchObject({ payment_terms_days: 45, billing_address: { city: 'Springfield' } });

    const items = await importCsv('items', 'sku,name,unitOfMeasure,tracking,valuationMethod\nIMP-1,Imported one,pcs,none,moving_average\nIMP-LOT,Imported lot,pcs,lot,moving_average\n');
    expect(items.status).toBe(201);
    const w = await newWarehouse(t);
    const stock = await importCsv('opening-stock', `sku,warehouseCode,locationCode,quantity,unitCost,lotNumber,expiryDate\nIMP-1,${w.code},A-01,12,2.5000,,\nIMP-LOT,${w.code},B-01,3,1.0000,L1,2027-01-31\n`);
    expect(stock.status).toBe(201);
    expect(stock.body).toMatchObject({ status: 'committed', importedRows: 2 });
    const levels = await t.http.get(`/inventory/stock?locationId=${w.binA}`).set(admin);
    expect(levels.body.data).toEqual([expect.objectContaining({ onHand: '12.000' })]);
    const unknown = await importCsv('opening-stock', `sku,warehouseCode,locationCode,quantity,unitCost\nIMP-NOPE,${w.code},A-01,1,1\nIMP-1,${w.code},Z-99,1,1\n`);
    expect(unknown.status).toBe(422);
    expect(unknown.body.rowErrors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([[1, 'sku'], [2, 'locationCode']]);
  });

  it('needs the write scope of the module written, besides imports:write', async () => {
    const importsOnly = bearer(await t.key(['imports:write']));
    const res = await importCsv('departments', 'code,name\nSC-A,A\n', 'commit', importsOnly);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'missing_scope', requiredScope: 'hr:write' });
    const hrOnly = bearer(await t.key(['hr:write']));
    expect((await importCsv('departments', 'code,name\nSC-A,A\n', 'commit', hrOnly)).status).toBe(403);
    const both = bearer(await t.key(['imports:write', 'hr:write']));
    expect((await importCsv('departments', 'code,name\nSC-A,A\n', 'commit', both)).status).toBe(201);
    expect((await t.http.get('/imports').set(hrOnly)).status).toBe(403);
  });

  it('answers 413 over the size limit and imports nothing', async () => {
    const rows = ['code,name', ...Array.from({ length: 12_000 }, (_, i) => `BIG${i},Department number ${i}`)].join('\n');
    expect(rows.length).toBeGreaterThan(LIMIT);
    const res = await importCsv('departments', rows);
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('payload_too_large');
    expect(await departmentCodes('BIG')).toEqual([]);
  });

  it('answers 413 when a chunked body (no Content-Length) grows over the limit while read', async () => {
    const port = await listening();
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request({ port, host: '127.0.0.1', agent: false, method: 'POST', path: '/imports?kind=departments', headers: { ...admin, 'Content-Type': 'text/csv', 'Transfer-Encoding': 'chunked' } });
      let answered = false;
      req.on('response', (res) => {
        answered = true;
        res.resume();
        res.on('end', () => req.destroy());
        resolve(res.statusCode!);
      });
      req.on('error', (err) => (answered ? undefined : reject(err)));
      req.write('code,name\n');
      let i = 0;
      const pump = () => {
        while (!answered && i < 12_000) {
          const ok = req.write(`CHK${i},Chunked department number ${i}\n`);
          i++;
          if (!ok) return void req.once('drain', pump);
        }
        if (!answered) req.end();
      };
      pump();
    });
    expect(status).toBe(413);
    expect(await departmentCodes('CHK')).toEqual([]);
    const [run] = (await t.http.get('/imports?status=failed&limit=1').set(admin)).body.data;
    expect(run).toMatchObject({ totalBytes: null, failureReason: expect.stringContaining('exceeds the import limit') });
  });

  it('lets one of two parallel imports of the same codes commit and rejects the other row by row', async () => {
    const csv = 'code,name\nPAR-A,Alpha\nPAR-B,Beta\n';
    const results = await Promise.all([importCsv('departments', csv), importCsv('departments', csv)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 422]);
    const rejected = results.find((r) => r.status === 422)!;
    expect(rejected.body.rowErrors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([[1, 'code'], [2, 'code']]);
    expect(await departmentCodes('PAR-')).toEqual(['PAR-A', 'PAR-B']);
  });

  it('imports employees and refuses sensitive columns per row without hr:sensitive', async () => {
    const hrKey = bearer(await t.key(['imports:write', 'hr:write', 'hr:read']));
    const csv = 'firstName,lastName,workEmail,hireDate,employmentType,iban\nAda,Lovelace,ada.import@example.com,2026-01-05,full_time,\nAlan,Turing,alan.import@example.com,2026-01-05,full_time,DE89370400440532013000\n';
    const refused = await importCsv('employees', csv, 'commit', hrKey);
    expect(refused.status).toBe(422);
    expect(refused.body.rowErrors).toEqual([expect.objectContaining({ row: 2 })]);
    const ok = await importCsv('employees', csv, 'commit', admin);
    expect(ok.status).toBe(201);
    const [hired] = await t.sql<{ n: string }>(`SELECT count(*) AS n FROM outbox_events WHERE topic = 'hr.employee.hired' AND request_id = $1`, [ok.headers['x-request-id']]);
    expect(Number(hired.n)).toBe(2);
  });

  it('answers 429 when as many imports as the instance allows (a third of the pool) are running', async () => {
    const port = await listening();
    const open = (i: number) => {
      const req = http.request({ port, host: '127.0.0.1', agent: false, method: 'POST', path: '/imports?kind=departments', headers: { ...admin, 'Content-Type': 'text/csv', 'Transfer-Encoding': 'chunked' } });
      const done = new Promise<number>((resolve, reject) => {
        req.on('response', (res) => {
          res.resume();
          resolve(res.statusCode!);
        });
        req.on('error', reject);
      });
      req.write(`code,name\nSLOT${i},Slot ${i}\n`);
      return { req, done };
    };
    const slots = [open(0), open(1), open(2)]; // DB_POOL_SIZE 10 in tests → 3 at once
    for (let i = 0; i < 300; i++) {
      const running = await t.http.get('/imports?status=running').set(admin);
      if (running.body.data.length === 3) break;
      await sleep(100);
    }
    const refused = await importCsv('departments', 'code,name\nSLOT9,Nine\n');
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('5');
    slots.forEach((s) => s.req.end());
    expect(await Promise.all(slots.map((s) => s.done))).toEqual([201, 201, 201]);
  });

  it('marks an import failed and imports nothing when the client goes away mid-file', async () => {
    const port = await listening();
    const req = http.request({ port, host: '127.0.0.1', agent: false, method: 'POST', path: '/imports?kind=departments', headers: { ...admin, 'Content-Type': 'text/csv', 'Transfer-Encoding': 'chunked' } });
    req.on('error', () => undefined);
    req.write(`code,name\n${Array.from({ length: 700 }, (_, i) => `GONE${i},Gone ${i}\n`).join('')}`);
    let run: { id: string; status: string; processedRows: number } | undefined;
    for (let i = 0; i < 300 && !run; i++) {
      await sleep(100);
      run = (await t.http.get('/imports?status=running').set(admin)).body.data[0];
    }
    expect(run).toBeDefined();
    req.destroy();
    for (let i = 0; i < 300 && run!.status === 'running'; i++) {
      await sleep(100);
      run = (await t.http.get(`/imports/${run!.id}`).set(admin)).body;
    }
    expect(run).toMatchObject({ status: 'failed', failureReason: 'The request body ended before the file was complete.' });
    expect(await departmentCodes('GONE')).toEqual([]);
  });

  it('replays the response for the same Idempotency-Key', async () => {
    const key = { ...admin, 'Idempotency-Key': 'import-idem-1' };
    const first = await importCsv('departments', 'code,name\nIDEM-A,A\n', 'commit', key);
    expect(first.status).toBe(201);
    const again = await importCsv('departments', 'code,name\nIDEM-A,A\n', 'commit', key);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(first.body.id);
  });

  it('shows progress while a long file is still arriving', async () => {
    const port = await listening();
    const lines = Array.from({ length: 3000 }, (_, i) => `PRG${i},Progress department ${i}\n`);
    const first = `code,name\n${lines.slice(0, 1500).join('')}`;
    const rest = lines.slice(1500).join('');
    const total = Buffer.byteLength(first) + Buffer.byteLength(rest);
    const req = http.request({ port, host: '127.0.0.1', agent: false, method: 'POST', path: '/imports?kind=departments', headers: { ...admin, 'Content-Type': 'text/csv', 'Content-Length': String(total) } });
    const response = new Promise<{ status: number; body: { status: string; importedRows: number } }>((resolve, reject) => {
      req.on('response', (res) => {
        let data = '';
        res.on('data', (c) => (data += c));
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(data) }));
      });
      req.on('error', reject);
    });
    req.write(first);
    let running: { status: string; processedRows: number; bytesRead: number; totalBytes: number } | undefined;
    for (let i = 0; i < 300 && !(running && running.processedRows >= 1000); i++) {
      await sleep(100);
      const list = await t.http.get('/imports?status=running&kind=departments').set(admin);
      running = list.body.data[0];
    }
    expect(running).toMatchObject({ status: 'running', processedRows: 1000, totalBytes: total });
    expect(running!.bytesRead).toBeGreaterThan(0);
    expect(running!.bytesRead).toBeLessThan(total);
    expect(await departmentCodes('PRG')).toEqual([]); // not committed yet
    req.end(rest);
    const done = await response;
    expect(done).toMatchObject({ status: 201, body: { status: 'committed', importedRows: 3000 } });
    const [n] = await t.sql<{ n: string }>(`SELECT count(*) AS n FROM hr_departments WHERE code LIKE 'PRG%'`);
    expect(Number(n.n)).toBe(3000);
  });
});
