import { newItem, newSupplier, newWarehouse, receive } from '../support/inventory';
import { bearer, createTestApp, TestApp } from '../support/test-app';

/** Every state change publishes a catalogued event: inventory's master data, purchase order drafts and counts too. */
describe('inventory change events', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    admin = bearer(t.adminKey);
  });
  afterAll(() => t.close());

  const importCsv = (kind: string, csv: string) => t.http.post(`/imports?kind=${kind}`).set(admin).set('Content-Type', 'text/csv').send(csv);
  const events = (aggregateId: string) =>
    t.sql<{ topic: string; aggregate_type: string; payload: Record<string, any> }>('SELECT topic, aggregate_type, payload FROM outbox_events WHERE aggregate_id = $1 ORDER BY occurred_at, id', [aggregateId]);

  it('an item\'s create and updates are events with the stored figures and the fields that changed; an update changing nothing is none', async () => {
    const supplier = await newSupplier(t);
    const created = await t.http.post('/inventory/items').set(admin).send({ sku: 'EV-BOLT-1', name: 'Event bolt', description: 'DIN 933', unitOfMeasure: 'pcs', tracking: 'lot', valuationMethod: 'fifo', reorderPoint: '10', category: 'Fasteners' });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const patched = await t.http.patch(`/inventory/items/${id}`).set(admin).set('If-Match', '"1"').send({ reorderPoint: '12.5', reorderQuantity: '100', preferredSupplierId: supplier.id, description: 'DIN 933, 8.8' });
    expect(patched.status).toBe(200);
    // The same reorder point written another way, and the same name: nothing changes, nothing is announced.
    expect((await t.http.patch(`/inventory/items/${id}`).set(admin).send({ reorderPoint: '12.500', name: 'Event bolt' })).body.version).toBe(2);
    expect((await t.http.patch(`/inventory/items/${id}`).set(admin).send({ active: false })).status).toBe(200);

    const got = await events(id);
    expect(got.map((e) => [e.topic, e.aggregate_type])).toEqual([
      ['inventory.item.created', 'item'],
      ['inventory.item.updated', 'item'],
      // The raised reorder point put the item (no stock) below it: announced after the change itself.
      ['inventory.item.below_reorder_point', 'item'],
      ['inventory.item.updated', 'item'],
    ]);
    expect(got[0].payload).toEqual({
      itemId: id, sku: 'EV-BOLT-1', name: 'Event bolt', unitOfMeasure: 'pcs', category: 'Fasteners', tracking: 'lot', valuationMethod: 'fifo',
      reorderPoint: '10.000', reorderQuantity: null, preferredSupplierId: null, active: true, changedFields: [],
    });
    expect(got[1].payload).toMatchObject({ reorderPoint: '12.500', reorderQuantity: '100.000', preferredSupplierId: supplier.id, active: true });
    expect([...got[1].payload.changedFields].sort()).toEqual(['description', 'preferredSupplierId', 'reorderPoint', 'reorderQuantity']);
    expect(got[3].payload).toMatchObject({ active: false, changedFields: ['active'] });
    expect(JSON.stringify(got)).not.toContain('DIN 933');
  });

  it('a warehouse\'s and a location\'s create and update are events', async () => {
    const w = await t.http.post('/inventory/warehouses').set(admin).send({ code: 'EVW1', name: 'Events warehouse', address: 'Lager Str. 1, Berlin' });
    expect(w.status).toBe(201);
    expect((await t.http.patch(`/inventory/warehouses/${w.body.id}`).set(admin).send({ name: 'Events warehouse North', active: false })).status).toBe(200);
    const wh = await events(w.body.id);
    expect(wh.map((e) => [e.topic, e.payload.name, e.payload.active, e.payload.changedFields])).toEqual([
      ['inventory.warehouse.created', 'Events warehouse', true, []],
      ['inventory.warehouse.updated', 'Events warehouse North', false, ['name', 'active']],
    ]);
    expect(wh[0].payload).toMatchObject({ warehouseId: w.body.id, code: 'EVW1', address: 'Lager Str. 1, Berlin' });

    const zone = await t.http.post(`/inventory/warehouses/${w.body.id}/locations`).set(admin).send({ code: 'Z1', name: 'Zone 1', kind: 'zone' });
    const bin = await t.http.post(`/inventory/warehouses/${w.body.id}/locations`).set(admin).send({ code: 'A-01', name: 'Bin A-01', kind: 'bin', pickable: false });
    expect([zone.status, bin.status]).toEqual([201, 201]);
    expect((await t.http.patch(`/inventory/locations/${bin.body.id}`).set(admin).send({ parentId: zone.body.id, pickable: true })).status).toBe(200);
    const loc = await events(bin.body.id);
    expect(loc.map((e) => [e.topic, e.aggregate_type, e.payload.parentId, e.payload.pickable, e.payload.changedFields])).toEqual([
      ['inventory.location.created', 'location', null, false, []],
      ['inventory.location.updated', 'location', zone.body.id, true, ['parentId', 'pickable']],
    ]);
    expect(loc[1].payload).toMatchObject({ locationId: bin.body.id, warehouseId: w.body.id, code: 'A-01', kind: 'bin', receivable: true, active: true });
  });

  it('a supplier\'s create and update are events; its contact person is named in changedFields, never sent', async () => {
    const s = await t.http.post('/inventory/suppliers').set(admin).send({ name: 'Events Supplies', contactName: 'Petra Schmidt', contactEmail: 'petra@supplies.example', phone: '+49 30 1234', taxId: 'DE146290624', currency: 'EUR', leadTimeDays: 5 });
    expect(s.status).toBe(201);
    expect((await t.http.patch(`/inventory/suppliers/${s.body.id}`).set(admin).send({ contactEmail: 'orders@supplies.example', leadTimeDays: 9 })).status).toBe(200);
    const got = await events(s.body.id);
    expect(got.map((e) => e.topic)).toEqual(['inventory.supplier.created', 'inventory.supplier.updated']);
    expect(got[0].payload).toEqual({ supplierId: s.body.id, name: 'Events Supplies', taxId: 'DE146290624', currency: 'EUR', leadTimeDays: 5, changedFields: [] });
    expect(got[1].payload).toMatchObject({ leadTimeDays: 9, changedFields: ['contactEmail', 'leadTimeDays'] });
    const all = JSON.stringify(got);
    for (const personal of ['Petra', 'supplies.example', '+49 30']) expect(all).not.toContain(personal);
  });

  it('a purchase order\'s draft and edit are events with its lines; order, receipt and cancel keep their own events', async () => {
    const w = await newWarehouse(t);
    const supplier = await newSupplier(t, { currency: 'USD' });
    const a = await newItem(t);
    const b = await newItem(t);
    const created = await t.http.post('/inventory/purchase-orders').set(admin).send({ supplierId: supplier.id, expectedDate: '2026-12-15', lines: [{ itemId: a.id, quantity: '10', unitCost: '1.5' }] });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const edited = await t.http.patch(`/inventory/purchase-orders/${id}`).set(admin).set('If-Match', '"1"').send({
      lines: [{ itemId: a.id, quantity: '10', unitCost: '1.5' }, { itemId: b.id, quantity: '4', unitCost: '2.25' }],
      note: 'Gate 3',
    });
    expect(edited.status).toBe(200);
    await t.http.post(`/inventory/purchase-orders/${id}/order`).set(admin).expect(200);
    await t.http.post(`/inventory/purchase-orders/${id}/receive`).set(admin).send({ locationId: w.binA, lines: [{ lineId: edited.body.lines[1].id, quantity: '4' }] }).expect(200);
    await t.http.post(`/inventory/purchase-orders/${id}/cancel`).set(admin).expect(200);

    const got = await events(id);
    expect(got.map((e) => [e.topic, e.payload.status])).toEqual([
      ['inventory.purchase_order.created', 'draft'],
      ['inventory.purchase_order.updated', 'draft'],
      ['inventory.purchase_order.ordered', 'ordered'],
      ['inventory.purchase_order.partially_received', 'partially_received'],
      ['inventory.purchase_order.cancelled', 'cancelled'],
    ]);
    expect(got[0].payload).toEqual({
      purchaseOrderId: id, number: created.body.number, supplierId: supplier.id, status: 'draft', currency: 'USD', overReceiptTolerancePercent: '0.00',
      expectedDate: '2026-12-15', total: '15.00', lines: [{ lineNo: 1, itemId: a.id, quantity: '10.000', unitCost: '1.5000' }], changedFields: [],
    });
    expect(got[1].payload).toMatchObject({ total: '24.00', changedFields: ['note', 'lines'] });
    expect(got[1].payload.lines).toEqual([
      { lineNo: 1, itemId: a.id, quantity: '10.000', unitCost: '1.5000' },
      { lineNo: 2, itemId: b.id, quantity: '4.000', unitCost: '2.2500' },
    ]);
    expect(JSON.stringify(got)).not.toContain('Gate 3');
  });

  it('a count\'s opening, each recording (its lines) and cancelling are events; a posted count keeps inventory.count.posted', async () => {
    const w = await newWarehouse(t);
    const plain = await newItem(t);
    const lotted = await newItem(t, { tracking: 'lot' });
    await receive(t, plain.id, w.binA, '10');
    const opened = await t.http.post('/inventory/counts').set(admin).send({ locationId: w.binA, note: 'Quarterly' });
    expect(opened.status).toBe(201);
    const id = opened.body.id as string;
    await t.http.post(`/inventory/counts/${id}/lines`).set(admin).send({ lines: [{ itemId: plain.id, countedQuantity: '9' }] }).expect(200);
    await t.http.post(`/inventory/counts/${id}/lines`).set(admin).send({ lines: [{ itemId: plain.id, countedQuantity: '8.5' }, { itemId: lotted.id, lotNumber: 'L-1', countedQuantity: '0' }] }).expect(200);
    // A refused recording publishes nothing.
    expect((await t.http.post(`/inventory/counts/${id}/lines`).set(admin).send({ lines: [{ itemId: lotted.id, countedQuantity: '1' }] })).status).toBe(422);
    await t.http.post(`/inventory/counts/${id}/cancel`).set(admin).expect(200);

    const got = await events(id);
    expect(got.map((e) => e.topic)).toEqual(['inventory.count.opened', 'inventory.count.recorded', 'inventory.count.recorded', 'inventory.count.cancelled']);
    expect(got[0].payload).toEqual({ countId: id, locationId: w.binA, status: 'open' });
    expect(got[1].payload).toEqual({ countId: id, locationId: w.binA, lines: [{ itemId: plain.id, lotNumber: null, countedQuantity: '9.000' }] });
    expect(got[2].payload.lines).toEqual([
      { itemId: plain.id, lotNumber: null, countedQuantity: '8.500' },
      { itemId: lotted.id, lotNumber: 'L-1', countedQuantity: '0.000' },
    ]);
    expect(got[3].payload).toEqual({ countId: id, locationId: w.binA, status: 'cancelled' });

    const again = await t.http.post('/inventory/counts').set(admin).send({ locationId: w.binA });
    await t.http.post(`/inventory/counts/${again.body.id}/lines`).set(admin).send({ lines: [{ itemId: plain.id, countedQuantity: '7' }] }).expect(200);
    await t.http.post(`/inventory/counts/${again.body.id}/post`).set(admin).expect(200);
    expect((await events(again.body.id)).map((e) => e.topic)).toEqual(['inventory.count.opened', 'inventory.count.recorded', 'inventory.count.posted']);
  });

  it('a CSV import publishes one event per imported item and supplier, in the import\'s transaction', async () => {
    const header = 'sku,name,unitOfMeasure,tracking,valuationMethod,reorderPoint\n';
    const rows = 'EV-IMP-1,Imported one,pcs,none,fifo,5\nEV-IMP-2,Imported two,kg,lot,moving_average,\n';
    // A file with a bad row imports nothing, so it announces nothing either.
    const refused = await importCsv('items', header + rows + 'ev-bad,Lower-case SKU,pcs,none,fifo,\n');
    expect(refused.status).toBe(422);
    expect(await t.sql(`SELECT 1 FROM outbox_events WHERE topic = 'inventory.item.created' AND payload->>'sku' LIKE 'EV-IMP-%'`)).toEqual([]);

    const res = await importCsv('items', header + rows);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'committed', importedRows: 2 });
    const items = await t.sql<{ id: string; sku: string }>(`SELECT id, sku FROM inv_items WHERE sku LIKE 'EV-IMP-%' ORDER BY sku`);
    expect(items.map((i) => i.sku)).toEqual(['EV-IMP-1', 'EV-IMP-2']);
    const got = await t.sql<{ topic: string; aggregate_id: string; payload: Record<string, any> }>(
      `SELECT topic, aggregate_id, payload FROM outbox_events WHERE aggregate_id = ANY($1::text[]) ORDER BY occurred_at, id`,
      [items.map((i) => i.id)],
    );
    expect(got.map((e) => [e.topic, e.aggregate_id, e.payload.sku, e.payload.reorderPoint])).toEqual([
      ['inventory.item.created', items[0].id, 'EV-IMP-1', '5.000'],
      ['inventory.item.created', items[1].id, 'EV-IMP-2', null],
    ]);

    const suppliers = await importCsv('suppliers', 'name,currency,leadTimeDays\nEvents Imported GmbH,EUR,3\n');
    expect(suppliers.status).toBe(201);
    const [s] = await t.sql<{ id: string }>(`SELECT id FROM inv_suppliers WHERE name = 'Events Imported GmbH'`);
    expect((await events(s.id)).map((e) => [e.topic, e.payload.leadTimeDays])).toEqual([['inventory.supplier.created', 3]]);
  });
});
