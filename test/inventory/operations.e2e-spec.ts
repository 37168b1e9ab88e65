import { InventoryFacade } from '../../src/modules/inventory';
import { TransactionalConnection } from '../../src/platform/database/transactional-connection';
import { RequestContext, SYSTEM_ACTOR } from '../../src/platform/context/request-context';
import { JobScheduler } from '../../src/platform/events/job-scheduler';
import { move, newItem, newSupplier, newWarehouse, onHand, receive } from '../support/inventory';
import { bearer, createTestApp, TestApp } from '../support/test-app';

describe('inventory: lots, serials, reservations, reorder point, counts, purchase orders and the facade', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    admin = bearer(t.adminKey);
  });
  afterAll(() => t.close());
  const inAnHour = () => new Date(Date.now() + 3600_000).toISOString();

  describe('lots', () => {
    it('issues earliest expiry first (FEFO) when no lot is named, and the named lot otherwise', async () => {
      const w = await newWarehouse(t);
      const item = await newItem(t, { tracking: 'lot' });
      await receive(t, item.id, w.binA, '5', '1.00', { lotNumber: 'L-MAR', expiryDate: '2027-03-01' });
      await receive(t, item.id, w.binA, '5', '1.00', { lotNumber: 'L-JAN', expiryDate: '2027-01-01' });
      await receive(t, item.id, w.binA, '5', '1.00', { lotNumber: 'L-NONE' });

      const fefo = await move(t, { kind: 'issue', itemId: item.id, fromLocationId: w.binA, quantity: '7' });
      expect(fefo.map((m) => [m.lotNumber, m.quantity])).toEqual([['L-JAN', '5.000'], ['L-MAR', '2.000']]);
      expect((await onHand(t, item.id, w.binA))!.lots.map((l) => [l.lotNumber, l.onHand])).toEqual([['L-MAR', '3.000'], ['L-NONE', '5.000']]);

      const named = await move(t, { kind: 'issue', itemId: item.id, fromLocationId: w.binA, quantity: '2', lotNumber: 'L-NONE' });
      expect(named.map((m) => m.lotNumber)).toEqual(['L-NONE']);
      const short = await t.http.post('/inventory/stock-moves').set(admin).send({ kind: 'issue', itemId: item.id, fromLocationId: w.binA, quantity: '4', lotNumber: 'L-MAR' });
      expect(short.status).toBe(409);
      expect(short.body).toMatchObject({ code: 'insufficient_stock', requested: '4.000', available: '3.000' });

      const [moved] = await move(t, { kind: 'transfer', itemId: item.id, fromLocationId: w.binA, toLocationId: w.binB, quantity: '1' });
      expect(moved.lotNumber).toBe('L-MAR');
      expect((await onHand(t, item.id, w.binB))!.lots).toEqual([expect.objectContaining({ lotNumber: 'L-MAR', expiryDate: '2027-03-01', onHand: '1.000' })]);

      const noLot = await t.http.post('/inventory/stock-moves').set(admin).send({ kind: 'receipt', itemId: item.id, toLocationId: w.binA, quantity: '1', unitCost: '1' });
      expect(noLot.status).toBe(422);
      expect(noLot.body.code).toBe('tracking_mismatch');

      const lots = await t.http.get(`/inventory/items/${item.id}/lots`).set(admin);
      expect(lots.body.data.map((l: { lotNumber: string; onHand: string }) => [l.lotNumber, l.onHand])).toEqual([['L-JAN', '0.000'], ['L-MAR', '3.000'], ['L-NONE', '3.000']]);
      const [{ total }] = await t.sql<{ total: string }>(`SELECT sum(on_hand) AS total FROM inv_lot_levels WHERE item_id = $1`, [item.id]);
      const [{ levels }] = await t.sql<{ levels: string }>(`SELECT sum(on_hand) AS levels FROM inv_stock_levels WHERE item_id = $1`, [item.id]);
      expect(total).toBe(levels);
    });
  });

  describe('serials', () => {
    it('round trip: received, moved, issued, refused when not in stock, returned', async () => {
      const w = await newWarehouse(t);
      const item = await newItem(t, { tracking: 'serial', valuationMethod: 'fifo' });
      const received = await receive(t, item.id, w.binA, '3', '100.00', { serialNumbers: ['SN-1', 'SN-2', 'SN-3'] });
      expect(received.map((m) => [m.serialNumber, m.quantity])).toEqual([['SN-1', '1.000'], ['SN-2', '1.000'], ['SN-3', '1.000']]);

      const twice = await t.http.post('/inventory/stock-moves').set(admin).send({ kind: 'receipt', itemId: item.id, toLocationId: w.binA, quantity: '1', unitCost: '1', serialNumbers: ['SN-1'] });
      expect(twice.status).toBe(409);
      expect(twice.body.code).toBe('serial_not_in_stock');
      const mismatch = await t.http.post('/inventory/stock-moves').set(admin).send({ kind: 'receipt', itemId: item.id, toLocationId: w.binA, quantity: '2', unitCost: '1', serialNumbers: ['SN-9'] });
      expect(mismatch.status).toBe(422);
      expect(mismatch.body.code).toBe('tracking_mismatch');

      await move(t, { kind: 'transfer', itemId: item.id, fromLocationId: w.binA, toLocationId: w.binB, quantity: '1', serialNumbers: ['SN-2'] });
      const wrongPlace = await t.http.post('/inventory/stock-moves').set(admin).send({ kind: 'issue', itemId: item.id, fromLocationId: w.binA, quantity: '1', serialNumbers: ['SN-2'] });
      expect(wrongPlace.status).toBe(409);
      expect(wrongPlace.body).toMatchObject({ code: 'serial_not_in_stock', serialNumber: 'SN-2' });
      const [issued] = await move(t, { kind: 'issue', itemId: item.id, fromLocationId: w.binB, quantity: '1', serialNumbers: ['SN-2'] });
      expect(issued).toMatchObject({ serialNumber: 'SN-2', totalCost: '100.0000' });
      const again = await t.http.post('/inventory/stock-moves').set(admin).send({ kind: 'issue', itemId: item.id, fromLocationId: w.binB, quantity: '1', serialNumbers: ['SN-2'] });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('serial_not_in_stock');

      const listed = await t.http.get(`/inventory/items/${item.id}/serials`).query({ status: 'issued' }).set(admin);
      expect(listed.body.data).toEqual([expect.objectContaining({ serialNumber: 'SN-2', status: 'issued', locationId: null })]);

      await move(t, { kind: 'return', itemId: item.id, toLocationId: w.binA, quantity: '1', serialNumbers: ['SN-2'], referenceType: 'credit_note', referenceId: 'CN-7' });
      const inStock = await t.http.get(`/inventory/items/${item.id}/serials`).query({ locationId: w.binA }).set(admin);
      expect(inStock.body.data.map((s: { serialNumber: string }) => s.serialNumber)).toEqual(['SN-1', 'SN-2', 'SN-3']);
      expect((await onHand(t, item.id, w.binA))!.onHand).toBe('3.000');
    });
  });

  describe('reservations', () => {
    it('hold stock out of available until consumed (which issues it) or released', async () => {
      const w = await newWarehouse(t);
      const item = await newItem(t);
      await receive(t, item.id, w.binA, '10', '2.00');
      const r = await t.http.post('/inventory/reservations').set(admin).send({ itemId: item.id, locationId: w.binA, quantity: '4', referenceType: 'invoice', referenceId: 'INV-DRAFT-1', expiresAt: inAnHour() });
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ status: 'active', quantity: '4.000', version: 1 });
      expect(await onHand(t, item.id, w.binA)).toMatchObject({ onHand: '10.000', reserved: '4.000', available: '6.000' });

      const issue = await t.http.post('/inventory/stock-moves').set(admin).send({ kind: 'issue', itemId: item.id, fromLocationId: w.binA, quantity: '7' });
      expect(issue.status).toBe(409);
      expect(issue.body).toMatchObject({ code: 'insufficient_stock', available: '6.000' });
      const tooMuch = await t.http.post('/inventory/reservations').set(admin).send({ itemId: item.id, locationId: w.binA, quantity: '6.001', referenceType: 'manual', expiresAt: inAnHour() });
      expect(tooMuch.status).toBe(409);
      const past = await t.http.post('/inventory/reservations').set(admin).send({ itemId: item.id, locationId: w.binA, quantity: '1', referenceType: 'manual', expiresAt: '2020-01-01T00:00:00Z' });
      expect(past.status).toBe(422);

      const stale = await t.http.post(`/inventory/reservations/${r.body.id}/consume`).set(admin).set('If-Match', '"9"').send({});
      expect(stale.status).toBe(412);
      const consumed = await t.http.post(`/inventory/reservations/${r.body.id}/consume`).set(admin).set('If-Match', '"1"').send({});
      expect(consumed.status).toBe(200);
      expect(consumed.body.reservation.status).toBe('consumed');
      expect(consumed.body.moves).toEqual([expect.objectContaining({ kind: 'issue', quantity: '4.000', referenceType: 'reservation', referenceId: r.body.id, totalCost: '8.0000' })]);
      expect(await onHand(t, item.id, w.binA)).toMatchObject({ onHand: '6.000', reserved: '0.000', available: '6.000' });
      const again = await t.http.post(`/inventory/reservations/${r.body.id}/release`).set(admin).send();
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ code: 'invalid_state_transition', currentState: 'consumed', allowedActions: [] });

      const second = await t.http.post('/inventory/reservations').set(admin).send({ itemId: item.id, locationId: w.binA, quantity: '6', referenceType: 'manual', expiresAt: inAnHour() });
      expect(second.status).toBe(201);
      const released = await t.http.post(`/inventory/reservations/${second.body.id}/release`).set(admin).send();
      expect(released.body).toMatchObject({ status: 'released', version: 2 });
      expect(await onHand(t, item.id, w.binA)).toMatchObject({ reserved: '0.000', available: '6.000' });
      const listed = await t.http.get('/inventory/reservations').query({ itemId: item.id, sort: 'createdAt' }).set(admin);
      expect(listed.body.data.map((x: { status: string }) => x.status)).toEqual(['consumed', 'released']);
    });

    it('expire when due, from the scheduled job', async () => {
      const w = await newWarehouse(t);
      const item = await newItem(t);
      await receive(t, item.id, w.binA, '5');
      const r = await t.http.post('/inventory/reservations').set(admin).send({ itemId: item.id, locationId: w.binA, quantity: '5', referenceType: 'invoice', referenceId: 'INV-DRAFT-2', expiresAt: inAnHour() });
      expect((await onHand(t, item.id, w.binA))!.available).toBe('0.000');
      await t.sql(`UPDATE inv_reservations SET expires_at = now() - interval '1 second' WHERE id = $1`, [r.body.id]);
      // A second in the past: next_run_at is timestamptz(3), and now() rounded to milliseconds can lie in the future.
      await t.sql(
        `INSERT INTO scheduled_jobs (name, next_run_at) VALUES ('inventory.reservations.expire-due', now() - interval '1 second')
         ON CONFLICT (name) DO UPDATE SET next_run_at = EXCLUDED.next_run_at`,
      );
      const ran = await t.app.get(JobScheduler).runDue();
      expect(ran).toContain('inventory.reservations.expire-due');
      expect((await t.http.get(`/inventory/reservations/${r.body.id}`).set(admin)).body.status).toBe('expired');
      expect(await onHand(t, item.id, w.binA)).toMatchObject({ reserved: '0.000', available: '5.000' });
      expect(await t.sql(`SELECT topic FROM outbox_events WHERE aggregate_id = $1 ORDER BY occurred_at`, [r.body.id])).toEqual([{ topic: 'inventory.reservation.created' }, { topic: 'inventory.reservation.expired' }]);
    });
  });

  describe('concurrency', () => {
    it('20 parallel reservations of 1 on 5 available: exactly 5 succeed', async () => {
      const w = await newWarehouse(t);
      const item = await newItem(t);
      await receive(t, item.id, w.binA, '5');
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => t.http.post('/inventory/reservations').set(admin).send({ itemId: item.id, locationId: w.binA, quantity: '1', referenceType: 'invoice', referenceId: `INV-R-${i}`, expiresAt: inAnHour() })),
      );
      expect(results.filter((r) => r.status === 201)).toHaveLength(5);
      expect(results.filter((r) => r.status === 409 && r.body.code === 'insufficient_stock')).toHaveLength(15);
      expect(await onHand(t, item.id, w.binA)).toMatchObject({ onHand: '5.000', reserved: '5.000', available: '0.000' });
    });

    it('the same serial issued 10 times in parallel leaves exactly once', async () => {
      const w = await newWarehouse(t);
      const item = await newItem(t, { tracking: 'serial' });
      await receive(t, item.id, w.binA, '2', '50', { serialNumbers: ['SN-X', 'SN-Y'] });
      const results = await Promise.all(
        Array.from({ length: 10 }, () => t.http.post('/inventory/stock-moves').set(admin).send({ kind: 'issue', itemId: item.id, fromLocationId: w.binA, quantity: '1', serialNumbers: ['SN-X'] })),
      );
      expect(results.filter((r) => r.status === 201)).toHaveLength(1);
      expect(results.filter((r) => r.status === 409 && r.body.code === 'serial_not_in_stock')).toHaveLength(9);
      expect((await onHand(t, item.id, w.binA))!.onHand).toBe('1.000');
    });

    it('parallel issues crossing the reorder point fire the event once', async () => {
      const w = await newWarehouse(t);
      const item = await newItem(t, { reorderPoint: '5', reorderQuantity: '10' });
      await receive(t, item.id, w.binA, '10');
      const results = await Promise.all(Array.from({ length: 8 }, () => t.http.post('/inventory/stock-moves').set(admin).send({ kind: 'issue', itemId: item.id, fromLocationId: w.binA, quantity: '1' })));
      expect(results.every((r) => r.status === 201)).toBe(true);
      const events = await t.sql(`SELECT id FROM outbox_events WHERE topic = 'inventory.item.below_reorder_point' AND aggregate_id = $1`, [item.id]);
      expect(events).toHaveLength(1);
    });
  });

  describe('reorder point', () => {
    it('fires once per crossing, re-arms above the point, and suggests what to order', async () => {
      const w = await newWarehouse(t);
      const supplier = await newSupplier(t, { name: 'Bolts & Co', leadTimeDays: 9 });
      const item = await newItem(t, { reorderPoint: '5', reorderQuantity: '20', preferredSupplierId: supplier.id });
      const fired = async () => (await t.sql(`SELECT payload FROM outbox_events WHERE topic = 'inventory.item.below_reorder_point' AND aggregate_id = $1 ORDER BY occurred_at`, [item.id])).map((r) => r.payload);
      await receive(t, item.id, w.binA, '10');
      expect(await fired()).toHaveLength(0);
      await move(t, { kind: 'issue', itemId: item.id, fromLocationId: w.binA, quantity: '5' });
      expect(await fired()).toEqual([expect.objectContaining({ itemId: item.id, available: '5.000', reorderPoint: '5.000', preferredSupplierId: supplier.id })]);
      await move(t, { kind: 'issue', itemId: item.id, fromLocationId: w.binA, quantity: '1' });
      expect(await fired()).toHaveLength(1);
      expect((await t.http.get(`/inventory/items/${item.id}`).set(admin)).body.belowReorderPoint).toBe(true);

      const suggestions = await t.http.get('/inventory/reorder-suggestions').query({ supplierId: supplier.id }).set(admin);
      expect(suggestions.status).toBe(200);
      expect(suggestions.body.data).toEqual([
        expect.objectContaining({ itemId: item.id, available: '4.000', onOrder: '0.000', projected: '4.000', suggestedQuantity: '20.000', supplierName: 'Bolts & Co', leadTimeDays: 9 }),
      ]);

      await receive(t, item.id, w.binA, '10');
      expect((await t.http.get(`/inventory/items/${item.id}`).set(admin)).body.belowReorderPoint).toBe(false);
      expect((await t.http.get('/inventory/reorder-suggestions').query({ supplierId: supplier.id }).set(admin)).body.data).toEqual([]);
      // A reservation lowers availability too: the second crossing fires again.
      await t.http.post('/inventory/reservations').set(admin).send({ itemId: item.id, locationId: w.binA, quantity: '10', referenceType: 'manual', expiresAt: inAnHour() }).expect(201);
      expect(await fired()).toHaveLength(2);
    });
  });

  describe('stock counts', () => {
    it('open, record counted quantities, post → count corrections for the differences', async () => {
      const w = await newWarehouse(t);
      const plain = await newItem(t);
      const lotted = await newItem(t, { tracking: 'lot', valuationMethod: 'fifo' });
      const serial = await newItem(t, { tracking: 'serial' });
      await receive(t, plain.id, w.binA, '10', '2.00');
      await receive(t, lotted.id, w.binA, '5', '1.00', { lotNumber: 'L1', expiryDate: '2027-01-01' });
      await receive(t, lotted.id, w.binA, '2', '1.50', { lotNumber: 'L2', expiryDate: '2027-02-01' });
      await t.http.post('/inventory/reservations').set(admin).send({ itemId: plain.id, locationId: w.binA, quantity: '3', referenceType: 'manual', expiresAt: inAnHour() }).expect(201);

      const count = await t.http.post('/inventory/counts').set(admin).send({ locationId: w.binA, note: 'Quarterly count' });
      expect(count.status).toBe(201);
      const dup = await t.http.post('/inventory/counts').set(admin).send({ locationId: w.binA });
      expect(dup.status).toBe(409);
      expect(dup.body).toMatchObject({ code: 'unique_violation', field: 'locationId' });

      const bad = await t.http.post(`/inventory/counts/${count.body.id}/lines`).set(admin).send({ lines: [{ itemId: serial.id, countedQuantity: '1' }] });
      expect(bad.status).toBe(422);
      expect(bad.body.code).toBe('tracking_mismatch');
      const noLot = await t.http.post(`/inventory/counts/${count.body.id}/lines`).set(admin).send({ lines: [{ itemId: lotted.id, countedQuantity: '1' }] });
      expect(noLot.status).toBe(422);

      await t.http.post(`/inventory/counts/${count.body.id}/lines`).set(admin).send({ lines: [{ itemId: plain.id, countedQuantity: '9' }] }).expect(200);
      const recorded = await t.http.post(`/inventory/counts/${count.body.id}/lines`).set(admin).send({
        lines: [
          { itemId: plain.id, countedQuantity: '8' },
          { itemId: lotted.id, lotNumber: 'L1', countedQuantity: '5' },
          { itemId: lotted.id, lotNumber: 'L2', countedQuantity: '0' },
          { itemId: lotted.id, lotNumber: 'L3', countedQuantity: '1.5' },
        ],
      });
      expect(recorded.status).toBe(200);
      expect(recorded.body.lines).toHaveLength(4);

      const posted = await t.http.post(`/inventory/counts/${count.body.id}/post`).set(admin).set('If-Match', `"${recorded.body.version}"`).send();
      expect(posted.status).toBe(200);
      expect(posted.body.status).toBe('posted');
      const diff = (itemId: string, lot: string | null) => posted.body.lines.find((l: { itemId: string; lotNumber: string | null }) => l.itemId === itemId && l.lotNumber === lot);
      expect(diff(plain.id, null)).toMatchObject({ expectedQuantity: '10.000', countedQuantity: '8.000', difference: '-2.000' });
      expect(diff(lotted.id, 'L1')).toMatchObject({ difference: '0.000' });
      expect(diff(lotted.id, 'L2')).toMatchObject({ difference: '-2.000' });
      expect(diff(lotted.id, 'L3')).toMatchObject({ expectedQuantity: '0.000', difference: '1.500' });

      expect(await onHand(t, plain.id, w.binA)).toMatchObject({ onHand: '8.000', reserved: '3.000', available: '5.000' });
      expect((await onHand(t, lotted.id, w.binA))!.lots.map((l) => [l.lotNumber, l.onHand])).toEqual([['L1', '5.000'], ['L3', '1.500']]);
      const moves = await t.http.get('/inventory/stock-moves').query({ referenceType: 'count', referenceId: count.body.id, sort: 'occurredAt' }).set(admin);
      expect(moves.body.data.map((m: { kind: string; quantity: string; fromLocationId: string | null }) => [m.kind, m.quantity, m.fromLocationId === null ? 'in' : 'out']).sort()).toEqual(
        [['count_correction', '2.000', 'out'], ['count_correction', '2.000', 'out'], ['count_correction', '1.500', 'in']].sort(),
      );
      const [event] = await t.sql<{ payload: { lines: unknown[] } }>(`SELECT payload FROM outbox_events WHERE topic = 'inventory.count.posted' AND aggregate_id = $1`, [count.body.id]);
      expect(event.payload.lines).toHaveLength(4);

      const late = await t.http.post(`/inventory/counts/${count.body.id}/lines`).set(admin).send({ lines: [{ itemId: plain.id, countedQuantity: '1' }] });
      expect(late.status).toBe(409);
      expect(late.body).toMatchObject({ code: 'invalid_state_transition', currentState: 'posted' });
      // The location is free for the next count.
      expect((await t.http.post('/inventory/counts').set(admin).send({ locationId: w.binA })).status).toBe(201);
    });
  });

  describe('purchase orders', () => {
    it('draft → ordered → partially received → received, with lots and serials, refusing over-receipt beyond the tolerance', async () => {
      const w = await newWarehouse(t);
      const supplier = await newSupplier(t, { currency: 'USD', leadTimeDays: 12 });
      const plain = await newItem(t, { reorderPoint: '150', reorderQuantity: '100', preferredSupplierId: supplier.id });
      const lotted = await newItem(t, { tracking: 'lot', valuationMethod: 'fifo' });
      const serial = await newItem(t, { tracking: 'serial' });
      const created = await t.http.post('/inventory/purchase-orders').set(admin).send({
        supplierId: supplier.id,
        overReceiptTolerancePercent: '5',
        lines: [
          { itemId: plain.id, quantity: '90', unitCost: '2.5' },
          { itemId: lotted.id, quantity: '10', unitCost: '4' },
        ],
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ status: 'draft', currency: 'USD', overReceiptTolerancePercent: '5.00', total: '265.00' });
      expect(created.body.number).toMatch(/^PO-\d{4}-\d{6}$/);
      const po = created.body.id;

      const early = await t.http.post(`/inventory/purchase-orders/${po}/receive`).set(admin).send({ locationId: w.binA, lines: [{ lineId: created.body.lines[0].id, quantity: '1' }] });
      expect(early.status).toBe(409);
      expect(early.body).toMatchObject({ code: 'invalid_state_transition', currentState: 'draft' });

      const edited = await t.http.patch(`/inventory/purchase-orders/${po}`).set(admin).set('If-Match', '"1"').send({
        lines: [
          { itemId: plain.id, quantity: '100', unitCost: '2.5' },
          { itemId: lotted.id, quantity: '10', unitCost: '4' },
          { itemId: serial.id, quantity: '2', unitCost: '300' },
        ],
      });
      expect(edited.status).toBe(200);
      expect(edited.body.total).toBe('890.00');
      const [lineA, lineB, lineC] = edited.body.lines.map((l: { id: string }) => l.id);
      const ordered = await t.http.post(`/inventory/purchase-orders/${po}/order`).set(admin).set('If-Match', '"2"').send();
      expect(ordered.body).toMatchObject({ status: 'ordered', version: 3 });
      expect((await t.http.patch(`/inventory/purchase-orders/${po}`).set(admin).send({ note: 'late edit' })).status).toBe(409);

      const suggested = await t.http.get('/inventory/reorder-suggestions').query({ supplierId: supplier.id }).set(admin);
      expect(suggested.body.data).toEqual([expect.objectContaining({ itemId: plain.id, available: '0.000', onOrder: '100.000', projected: '100.000', suggestedQuantity: '100.000', leadTimeDays: 12 })]);

      const part = await t.http.post(`/inventory/purchase-orders/${po}/receive`).set(admin).send({
        locationId: w.binA,
        lines: [
          { lineId: lineA, quantity: '40' },
          { lineId: lineB, quantity: '10', lotNumber: 'LB-1', expiryDate: '2027-06-30' },
          { lineId: lineC, quantity: '1', serialNumbers: ['SN-A'] },
        ],
      });
      expect(part.status).toBe(200);
      expect(part.body.purchaseOrder.status).toBe('partially_received');
      expect(part.body.moves.map((m: { kind: string; unitCost: string; lotNumber: string | null; serialNumber: string | null }) => [m.kind, m.unitCost, m.lotNumber, m.serialNumber])).toEqual([
        ['receipt', '2.5000', null, null],
        ['receipt', '4.0000', 'LB-1', null],
        ['receipt', '300.0000', null, 'SN-A'],
      ]);

      const over = await t.http.post(`/inventory/purchase-orders/${po}/receive`).set(admin).send({ locationId: w.binA, lines: [{ lineId: lineA, quantity: '65.001' }] });
      expect(over.status).toBe(409);
      expect(over.body).toMatchObject({ code: 'over_receipt', ordered: '100.000', alreadyReceived: '40.000', maxReceivable: '105.000' });

      const rest = await t.http.post(`/inventory/purchase-orders/${po}/receive`).set(admin).send({ locationId: w.binA, lines: [{ lineId: lineA, quantity: '65' }, { lineId: lineC, quantity: '1', serialNumbers: ['SN-B'] }] });
      expect(rest.status).toBe(200);
      expect(rest.body.purchaseOrder.status).toBe('received');
      expect(rest.body.purchaseOrder.lines.map((l: { receivedQuantity: string }) => l.receivedQuantity)).toEqual(['105.000', '10.000', '2.000']);
      expect((await t.http.post(`/inventory/purchase-orders/${po}/cancel`).set(admin).send()).status).toBe(409);

      expect((await onHand(t, plain.id, w.binA))!.onHand).toBe('105.000');
      const moves = await t.http.get('/inventory/stock-moves').query({ referenceType: 'purchase_order', referenceId: po }).set(admin);
      expect(moves.body.data).toHaveLength(5);
      const after = await t.http.get('/inventory/reorder-suggestions').query({ supplierId: supplier.id }).set(admin);
      expect(after.body.data).toEqual([expect.objectContaining({ itemId: plain.id, available: '105.000', onOrder: '0.000', suggestedQuantity: '100.000' })]);
      const topics = await t.sql<{ topic: string }>(`SELECT topic FROM outbox_events WHERE aggregate_id = $1 ORDER BY occurred_at, id`, [po]);
      expect(topics.map((r) => r.topic)).toEqual(['inventory.purchase_order.created', 'inventory.purchase_order.updated', 'inventory.purchase_order.ordered', 'inventory.purchase_order.partially_received', 'inventory.purchase_order.received']);
    });

    it('cancels an ordered purchase order, which leaves nothing on order', async () => {
      const supplier = await newSupplier(t);
      const item = await newItem(t, { reorderPoint: '10', preferredSupplierId: supplier.id });
      const po = (await t.http.post('/inventory/purchase-orders').set(admin).send({ supplierId: supplier.id, lines: [{ itemId: item.id, quantity: '50', unitCost: '1' }] })).body;
      await t.http.post(`/inventory/purchase-orders/${po.id}/order`).set(admin).send().expect(200);
      expect((await t.http.get('/inventory/reorder-suggestions').query({ supplierId: supplier.id }).set(admin)).body.data).toEqual([]);
      const cancelled = await t.http.post(`/inventory/purchase-orders/${po.id}/cancel`).set(admin).send();
      expect(cancelled.body.status).toBe('cancelled');
      expect((await t.http.get('/inventory/reorder-suggestions').query({ supplierId: supplier.id }).set(admin)).body.data).toEqual([expect.objectContaining({ itemId: item.id, onOrder: '0.000', suggestedQuantity: '10.000' })]);
      const noSupplier = await t.http.post('/inventory/purchase-orders').set(admin).send({ supplierId: item.id, lines: [{ itemId: item.id, quantity: '1', unitCost: '1' }] });
      expect(noSupplier.status).toBe(422);
      expect(noSupplier.body.code).toBe('invalid_reference');
    });
  });

  describe('facade', () => {
    const asSystem = <T>(fn: () => Promise<T>) => RequestContext.run({ requestId: 'facade-test', actor: SYSTEM_ACTOR, afterCommit: [] }, fn);

    it('joins the caller\'s transaction: a failure after the issue rolls the stock back', async () => {
      const w = await newWarehouse(t);
      const item = await newItem(t);
      await receive(t, item.id, w.binA, '5', '2.00');
      const facade = t.app.get(InventoryFacade);
      const db = t.app.get(TransactionalConnection);
      await expect(
        asSystem(() =>
          db.withTransaction(async () => {
            await facade.issueStock({ itemId: item.id, locationId: w.binA, quantity: '2', referenceId: 'INV-ROLLBACK' });
            throw new Error('invoice could not be numbered');
          }),
        ),
      ).rejects.toThrow('invoice could not be numbered');
      expect((await onHand(t, item.id, w.binA))!.onHand).toBe('5.000');
      expect(await t.sql(`SELECT id FROM inv_stock_moves WHERE reference_id = 'INV-ROLLBACK'`)).toEqual([]);

      const moves = await asSystem(() => db.withTransaction(() => facade.issueStock({ itemId: item.id, locationId: w.binA, quantity: '2', referenceId: 'INV-OK' })));
      expect(moves).toEqual([expect.objectContaining({ kind: 'issue', referenceType: 'invoice', referenceId: 'INV-OK', totalCost: '4.0000' })]);
      await asSystem(() => db.withTransaction(() => facade.returnStock({ itemId: item.id, locationId: w.binA, quantity: '1', referenceId: 'CN-OK' })));
      expect((await onHand(t, item.id, w.binA))!.onHand).toBe('4.000');

      const reservation = await asSystem(() => db.withTransaction(() => facade.reserveStock({ itemId: item.id, locationId: w.binA, quantity: '3', referenceId: 'INV-DRAFT-9', expiresAt: new Date(Date.now() + 60_000) })));
      expect((await onHand(t, item.id, w.binA))!.available).toBe('1.000');
      const consumed = await asSystem(() => db.withTransaction(() => facade.consumeReservation(reservation.id)));
      expect(consumed.map((m) => m.quantity)).toEqual(['3.000']);
      expect(await onHand(t, item.id, w.binA)).toMatchObject({ onHand: '1.000', reserved: '0.000' });
      expect(await asSystem(() => facade.availability(item.id))).toEqual([expect.objectContaining({ locationId: w.binA, onHand: '1.000', available: '1.000' })]);
    });
  });
});
