import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { move, newItem, newSupplier, newWarehouse, onHand, receive, sleep } from '../support/inventory';
import { bearer, createTestApp, startApp, TestApp } from '../support/test-app';

describe('inventory: master data, ledger, balances and valuation', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    admin = bearer(t.adminKey);
  });
  afterAll(() => t.close());

  /** Ledger sum per item × location, straight from the moves. */
  async function ledgerSum(itemId: string, locationId: string): Promise<string> {
    const [row] = await t.sql<{ q: string }>(
      `SELECT COALESCE(sum(CASE WHEN to_location_id = $2 THEN quantity ELSE -quantity END), 0)::numeric(16,3) AS q
         FROM inv_stock_moves WHERE item_id = $1 AND (to_location_id = $2 OR from_location_id = $2)`,
      [itemId, locationId],
    );
    return row.q;
  }

  describe('master data', () => {
    it('creates items, suppliers, warehouses and a location tree; refuses duplicates and bad codes', async () => {
      const supplier = await newSupplier(t);
      const item = await newItem(t, { preferredSupplierId: supplier.id, reorderPoint: '5', reorderQuantity: '20', category: 'Fasteners' });
      const got = await t.http.get(`/inventory/items/${item.id}`).set(admin);
      expect(got.status).toBe(200);
      expect(got.headers.etag).toBe('"1"');
      expect(got.body).toMatchObject({ sku: item.sku, preferredSupplierId: supplier.id, reorderPoint: '5.000', tracking: 'none', active: true, belowReorderPoint: false });

      const dup = await t.http.post('/inventory/items').set(admin).send({ sku: item.sku, name: 'Copy', unitOfMeasure: 'pcs', tracking: 'none', valuationMethod: 'fifo' });
      expect(dup.status).toBe(409);
      expect(dup.body).toMatchObject({ code: 'unique_violation', field: 'sku' });
      const lower = await t.http.post('/inventory/items').set(admin).send({ sku: 'bolt', name: 'x', unitOfMeasure: 'pcs', tracking: 'none', valuationMethod: 'fifo' });
      expect(lower.status).toBe(422);
      expect(lower.body.errors[0].field).toBe('sku');
      const noSupplier = await t.http.post('/inventory/items').set(admin).send({ sku: 'NOSUP-1', name: 'x', unitOfMeasure: 'pcs', tracking: 'none', valuationMethod: 'fifo', preferredSupplierId: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10' });
      expect(noSupplier.status).toBe(422);
      expect(noSupplier.body).toMatchObject({ code: 'invalid_reference', field: 'preferredSupplierId' });

      const patched = await t.http.patch(`/inventory/items/${item.id}`).set(admin).set('If-Match', '"1"').send({ name: 'Hex bolt M8 × 40' });
      expect(patched.status).toBe(200);
      expect(patched.body.version).toBe(2);
      expect((await t.http.patch(`/inventory/items/${item.id}`).set(admin).set('If-Match', '"1"').send({ name: 'stale' })).status).toBe(412);
      expect((await t.http.patch(`/inventory/items/${item.id}`).set(admin).send({ tracking: 'lot' })).status).toBe(422);

      const w = await newWarehouse(t);
      const other = await newWarehouse(t);
      const list = await t.http.get(`/inventory/warehouses/${w.id}/locations`).query({ parentId: w.zone }).set(admin);
      expect(list.body.data.map((l: { code: string }) => l.code)).toEqual(['A-01', 'B-01']);
      const dupLoc = await t.http.post(`/inventory/warehouses/${w.id}/locations`).set(admin).send({ code: 'A-01', name: 'again', kind: 'bin' });
      expect(dupLoc.status).toBe(409);
      const foreignParent = await t.http.post(`/inventory/warehouses/${w.id}/locations`).set(admin).send({ code: 'C-01', name: 'x', kind: 'bin', parentId: other.zone });
      expect(foreignParent.status).toBe(422);
      expect(foreignParent.body.field).toBe('parentId');
      const loop = await t.http.patch(`/inventory/locations/${w.zone}`).set(admin).send({ parentId: w.binA });
      expect(loop.status).toBe(422);
      expect(loop.body.code).toBe('location_cycle');
    });

    it('needs inventory scopes', async () => {
      const reader = await t.key(['inventory:read']);
      expect((await t.http.get('/inventory/items').set(bearer(reader))).status).toBe(200);
      const res = await t.http.post('/inventory/items').set(bearer(reader)).send({ sku: 'NOPE-1', name: 'x', unitOfMeasure: 'pcs', tracking: 'none', valuationMethod: 'fifo' });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('missing_scope');
      const hr = await t.key(['hr:read']);
      expect((await t.http.get('/inventory/stock').query({ itemId: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10' }).set(bearer(hr))).status).toBe(403);
    });
  });

  describe('stock moves', () => {
    it('records every kind of move; the balance always equals the ledger', async () => {
      const w = await newWarehouse(t);
      const item = await newItem(t);
      const [receipt] = await receive(t, item.id, w.binA, '10', '2.5000');
      expect(receipt).toMatchObject({ kind: 'receipt', quantity: '10.000', unitCost: '2.5000', totalCost: '25.0000' });
      const [issue] = await move(t, { kind: 'issue', itemId: item.id, fromLocationId: w.binA, quantity: '2.5', referenceType: 'invoice', referenceId: 'INV-2026-000001' });
      expect(issue).toMatchObject({ kind: 'issue', quantity: '2.500', totalCost: '6.2500' });
      const [transfer] = await move(t, { kind: 'transfer', itemId: item.id, fromLocationId: w.binA, toLocationId: w.binB, quantity: '3' });
      expect(transfer).toMatchObject({ kind: 'transfer', totalCost: null });
      await move(t, { kind: 'adjustment', itemId: item.id, toLocationId: w.binB, quantity: '1', reason: 'Found behind the shelf' });
      const [down] = await move(t, { kind: 'adjustment', itemId: item.id, fromLocationId: w.binA, quantity: '0.5', reason: 'Damaged' });
      expect(down.totalCost).toBe('1.2500');
      await move(t, { kind: 'return', itemId: item.id, toLocationId: w.binA, quantity: '1', referenceType: 'credit_note', referenceId: 'CN-1' });

      expect(await onHand(t, item.id, w.binA)).toMatchObject({ onHand: '5.000', reserved: '0.000', available: '5.000' });
      expect(await onHand(t, item.id, w.binB)).toMatchObject({ onHand: '4.000' });
      expect(await ledgerSum(item.id, w.binA)).toBe('5.000');
      expect(await ledgerSum(item.id, w.binB)).toBe('4.000');

      const ledger = await t.http.get('/inventory/stock-moves').query({ itemId: item.id, sort: 'occurredAt' }).set(admin);
      expect(ledger.body.data.map((m: { kind: string }) => m.kind)).toEqual(['receipt', 'issue', 'transfer', 'adjustment', 'adjustment', 'return']);
      expect(ledger.body.data[0].actor.keyName).toBe('bootstrap-admin');
      const byRef = await t.http.get('/inventory/stock-moves').query({ referenceType: 'invoice', referenceId: 'INV-2026-000001' }).set(admin);
      expect(byRef.body.data.map((m: { id: string }) => m.id)).toEqual([issue.id]);

      const topics = await t.sql<{ topic: string }>(`SELECT topic FROM outbox_events WHERE aggregate_id = $1 ORDER BY occurred_at, id`, [item.id]);
      expect(topics.map((r) => r.topic)).toEqual([
        'inventory.item.created',
        'inventory.stock.received',
        'inventory.stock.issued',
        'inventory.stock.transferred',
        'inventory.stock.adjusted',
        'inventory.stock.adjusted',
        'inventory.stock.returned',
      ]);
      const audits = await t.sql(`SELECT action FROM audit_events WHERE entity_type = 'stock_move' AND entity_id = $1`, [issue.id]);
      expect(audits).toEqual([{ action: 'inventory.stock_move.issue' }]);
    });

    it('refuses to go below zero with 409 insufficient_stock naming item, location, requested and available', async () => {
      const w = await newWarehouse(t);
      const item = await newItem(t);
      await receive(t, item.id, w.binA, '3');
      const res = await t.http.post('/inventory/stock-moves').set(admin).send({ kind: 'issue', itemId: item.id, fromLocationId: w.binA, quantity: '3.001' });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'insufficient_stock', itemId: item.id, locationId: w.binA, requested: '3.001', available: '3.000' });
      const transfer = await t.http.post('/inventory/stock-moves').set(admin).send({ kind: 'transfer', itemId: item.id, fromLocationId: w.binB, toLocationId: w.binA, quantity: '1' });
      expect(transfer.status).toBe(409);
      expect(transfer.body).toMatchObject({ code: 'insufficient_stock', locationId: w.binB, available: '0.000' });
      // The database refuses too, whatever the code does.
      await expect(t.sql(`UPDATE inv_stock_levels SET on_hand = -1 WHERE item_id = $1`, [item.id])).rejects.toThrow(/ck_inv_stock_levels_on_hand/);
      await expect(t.sql(`UPDATE inv_stock_moves SET quantity = 1 WHERE item_id = $1`, [item.id])).rejects.toThrow(/append-only/);
      await expect(t.sql(`DELETE FROM inv_stock_moves WHERE item_id = $1`, [item.id])).rejects.toThrow(/append-only/);
    });

    it('validates the sides, quantities and costs of each kind', async () => {
      const w = await newWarehouse(t);
      const item = await newItem(t);
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ kind: 'receipt', toLocationId: w.binA, quantity: '1' }, 'unitCost'],
        [{ kind: 'receipt', fromLocationId: w.binA, quantity: '1', unitCost: '1' }, 'toLocationId'],
        [{ kind: 'issue', toLocationId: w.binA, quantity: '1' }, 'fromLocationId'],
        [{ kind: 'transfer', fromLocationId: w.binA, toLocationId: w.binA, quantity: '1' }, 'toLocationId'],
        [{ kind: 'adjustment', toLocationId: w.binA, quantity: '1' }, 'reason'],
        [{ kind: 'adjustment', toLocationId: w.binA, fromLocationId: w.binB, quantity: '1', reason: 'x' }, 'fromLocationId'],
        [{ kind: 'receipt', toLocationId: w.binA, quantity: '0', unitCost: '1' }, 'quantity'],
        [{ kind: 'receipt', toLocationId: w.binA, quantity: '1.0001', unitCost: '1' }, 'quantity'],
        [{ kind: 'count_correction', toLocationId: w.binA, quantity: '1' }, 'kind'],
        [{ kind: 'receipt', toLocationId: w.binA, quantity: '1', unitCost: '1', lotNumber: 'L1' }, 'lotNumber'],
      ];
      for (const [body, field] of cases) {
        const res = await t.http.post('/inventory/stock-moves').set(admin).send({ itemId: item.id, ...body });
        expect([res.status, res.body.errors?.map((e: { field: string }) => e.field)]).toEqual([422, expect.arrayContaining([field])]);
      }
      const ghost = await t.http.post('/inventory/stock-moves').set(admin).send({ kind: 'receipt', itemId: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10', toLocationId: w.binA, quantity: '1', unitCost: '1' });
      expect(ghost.status).toBe(422);
      expect(ghost.body.code).toBe('invalid_reference');
      const zoneOnly = await t.http.patch(`/inventory/locations/${w.binB}`).set(admin).send({ receivable: false });
      expect(zoneOnly.status).toBe(200);
      const notReceivable = await t.http.post('/inventory/stock-moves').set(admin).send({ kind: 'receipt', itemId: item.id, toLocationId: w.binB, quantity: '1', unitCost: '1' });
      expect(notReceivable.status).toBe(422);
      expect(notReceivable.body.code).toBe('location_not_usable');
    });
  });

  describe('as-of stock', () => {
    it('answers past instants and dates from the ledger and needs an item or location', async () => {
      const w = await newWarehouse(t);
      const item = await newItem(t);
      const [r1] = await receive(t, item.id, w.binA, '10');
      await sleep(5);
      const [i1] = await move(t, { kind: 'issue', itemId: item.id, fromLocationId: w.binA, quantity: '4' });
      await sleep(5);
      await move(t, { kind: 'transfer', itemId: item.id, fromLocationId: w.binA, toLocationId: w.binB, quantity: '1' });

      const at = async (asOf: string, q: Record<string, string>) => {
        const res = await t.http.get('/inventory/stock').query({ ...q, asOf }).set(admin);
        expect(res.status).toBe(200);
        return res.body;
      };
      const beforeAll = await at(new Date(Date.parse(r1.occurredAt) - 1).toISOString(), { itemId: item.id });
      expect(beforeAll.data).toEqual([]);
      const afterReceipt = await at(r1.occurredAt, { itemId: item.id });
      expect(afterReceipt.data).toEqual([expect.objectContaining({ locationId: w.binA, onHand: '10.000', reserved: null, available: null })]);
      expect((await at(i1.occurredAt, { locationId: w.binA })).data.find((r: { itemId: string }) => r.itemId === item.id).onHand).toBe('6.000');
      const now = await at(new Date().toISOString(), { itemId: item.id });
      expect(now.data.map((r: { locationId: string; onHand: string }) => [r.locationId, r.onHand]).sort()).toEqual([[w.binA, '5.000'], [w.binB, '1.000']].sort());
      expect((await at('2000-01-01', { itemId: item.id })).data).toEqual([]);
      expect((await at('2999-12-31', { itemId: item.id, locationId: w.binB })).data[0].onHand).toBe('1.000');
      // Now, from the balances, with both filters: the one level, available = on hand − reserved.
      const both = await t.http.get('/inventory/stock').query({ itemId: item.id, locationId: w.binB }).set(admin);
      expect(both.status).toBe(200);
      expect(both.body.data).toEqual([expect.objectContaining({ itemId: item.id, locationId: w.binB, onHand: '1.000', reserved: '0.000', available: '1.000', lots: [] })]);

      // Pages by SKU then location, now and in the past.
      const other = await newItem(t);
      await receive(t, other.id, w.binB, '2');
      for (const asOfQuery of [{}, { asOf: new Date(Date.now() + 1000).toISOString() }]) {
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const res = await t.http.get('/inventory/stock').query({ locationId: w.binB, limit: 1, ...asOfQuery, ...(cursor ? { cursor } : {}) }).set(admin);
          expect(res.status).toBe(200);
          expect(res.body.data.length).toBeLessThanOrEqual(1);
          seen.push(...res.body.data.map((r: { sku: string }) => r.sku));
          cursor = res.body.nextCursor ?? undefined;
        } while (cursor);
        expect(seen).toEqual([item.sku, other.sku].sort());
      }
      expect((await t.http.get('/inventory/stock').query({ locationId: w.binB, cursor: 'garbage' }).set(admin)).status).toBe(400);
      expect((await t.http.get('/inventory/stock').query({ itemId: item.id, asOf: '2026-02-30' }).set(admin)).status).toBe(422);
      expect((await t.http.get('/inventory/stock').query({ itemId: item.id, asOf: '2026-02-10T25:00:00Z' }).set(admin)).status).toBe(422);

      const noFilter = await t.http.get('/inventory/stock').query({ asOf: '2026-01-01' }).set(admin);
      expect(noFilter.status).toBe(422);
      expect(noFilter.body.code).toBe('as_of_needs_filter');
      expect((await t.http.get('/inventory/stock').query({ itemId: item.id, asOf: 'yesterday' }).set(admin)).status).toBe(422);
    });
  });

  describe('current stock pages', () => {
    it('pages a location by SKU at every page size, skips emptied levels, and follows a renamed SKU', async () => {
      const w = await newWarehouse(t);
      const tag = `PG${Date.now().toString(36).toUpperCase()}`;
      // 12 items in stock at bin A, created out of SKU order; one more emptied again (a level at zero).
      const skus = Array.from({ length: 12 }, (_, i) => `${tag}-${String((i * 7) % 12).padStart(2, '0')}`);
      const items = [];
      for (const sku of skus) {
        const item = await newItem(t, { sku });
        await receive(t, item.id, w.binA, '3');
        items.push(item);
      }
      const emptied = await newItem(t, { sku: `${tag}-05X` });
      await receive(t, emptied.id, w.binA, '2');
      await move(t, { kind: 'issue', itemId: emptied.id, fromLocationId: w.binA, quantity: '2' });
      await receive(t, items[0].id, w.binB, '1');

      const walk = async (limit: number) => {
        const pages: string[][] = [];
        let cursor: string | undefined;
        do {
          const res = await t.http.get('/inventory/stock').query({ locationId: w.binA, limit, ...(cursor ? { cursor } : {}) }).set(admin);
          expect(res.status).toBe(200);
          pages.push(res.body.data.map((r: { sku: string; locationId: string; onHand: string }) => {
            expect([r.locationId, r.onHand]).toEqual([w.binA, '3.000']);
            return r.sku;
          }));
          cursor = res.body.nextCursor ?? undefined;
        } while (cursor && pages.length < 20);
        return pages;
      };
      const sorted = [...skus].sort();
      expect(await walk(5)).toEqual([sorted.slice(0, 5), sorted.slice(5, 10), sorted.slice(10)]);
      expect(await walk(10)).toEqual([sorted.slice(0, 10), sorted.slice(10)]);
      expect(await walk(11)).toEqual([sorted.slice(0, 11), sorted.slice(11)]);
      expect(await walk(12)).toEqual([sorted]);
      expect(await walk(200)).toEqual([sorted]);

      // A new SKU reaches the item's levels in the same statement: the page orders and shows it.
      const renamed = `${tag}-99`;
      const patched = await t.http.patch(`/inventory/items/${items[0].id}`).set(admin).send({ sku: renamed });
      expect([patched.status, patched.body.sku]).toEqual([200, renamed]);
      const levels = await t.sql<{ sku: string }>(`SELECT sku FROM inv_stock_levels WHERE item_id = $1`, [items[0].id]);
      expect(levels.map((l) => l.sku)).toEqual([renamed, renamed]);
      expect((await walk(50)).flat()).toEqual([...sorted.filter((s) => s !== skus[0]), renamed]);
      const byItem = await t.http.get('/inventory/stock').query({ itemId: items[0].id }).set(admin);
      expect(byItem.body.data.map((r: { sku: string; locationId: string }) => [r.sku, r.locationId]).sort()).toEqual([[renamed, w.binA], [renamed, w.binB]].sort());
      // The database refuses a level whose SKU is not its item's.
      await expect(t.sql(`UPDATE inv_stock_levels SET sku = $2 WHERE item_id = $1`, [items[1].id, renamed])).rejects.toThrow(/fk_inv_stock_levels_item_sku/);
    });
  });

  describe('valuation', () => {
    async function scenario(method: 'fifo' | 'moving_average') {
      const w = await newWarehouse(t);
      const item = await newItem(t, { valuationMethod: method });
      await receive(t, item.id, w.binA, '10', '5.00');
      const [second] = await receive(t, item.id, w.binB, '10', '7.00');
      await sleep(5);
      const [transfer] = await move(t, { kind: 'transfer', itemId: item.id, fromLocationId: w.binB, toLocationId: w.binA, quantity: '10' });
      const [issue] = await move(t, { kind: 'issue', itemId: item.id, fromLocationId: w.binA, quantity: '15' });
      return { w, item, issue, second, transfer };
    }

    it('FIFO: receive 10 @ 5.00 and 10 @ 7.00, issue 15 → cost 85.00, 35.00 left', async () => {
      const { w, item, issue, second } = await scenario('fifo');
      expect(issue.totalCost).toBe('85.0000');
      const report = await t.http.get('/inventory/reports/valuation').query({ itemId: item.id }).set(admin);
      expect(report.status).toBe(200);
      expect(report.body.data).toEqual([{ itemId: item.id, sku: item.sku, warehouseId: w.id, warehouseCode: w.code, quantity: '5.000', unitCost: '7.0000', value: '35.00' }]);
      expect(report.body.totalValue).toBe('35.00');
      const before = await t.http.get('/inventory/reports/valuation').query({ itemId: item.id, asOf: second.occurredAt }).set(admin);
      expect(before.body.data.map((r: { quantity: string; value: string }) => [r.quantity, r.value])).toEqual([['20.000', '120.00']]);
      const [layers] = await t.sql<{ left: string }>(`SELECT sum(remaining * unit_cost)::numeric(20,2) AS left FROM inv_cost_layers WHERE item_id = $1`, [item.id]);
      expect(layers.left).toBe('35.00');
    });

    it('moving average: the same moves → cost 90.00, 30.00 left; a warehouse filter splits by warehouse', async () => {
      const { w, item, issue } = await scenario('moving_average');
      expect(issue).toMatchObject({ totalCost: '90.0000', unitCost: '6.0000' });
      const report = await t.http.get('/inventory/reports/valuation').query({ itemId: item.id }).set(admin);
      expect(report.body.data).toEqual([expect.objectContaining({ quantity: '5.000', unitCost: '6.0000', value: '30.00' })]);
      const other = await newWarehouse(t);
      await move(t, { kind: 'transfer', itemId: item.id, fromLocationId: w.binA, toLocationId: other.binA, quantity: '2' });
      const split = await t.http.get('/inventory/reports/valuation').query({ itemId: item.id }).set(admin);
      expect(split.body.data.map((r: { warehouseId: string; value: string }) => [r.warehouseId, r.value]).sort()).toEqual([[w.id, '18.00'], [other.id, '12.00']].sort());
      expect(split.body.totalValue).toBe('30.00');
      expect(split.body).toMatchObject({ rowCount: 2, nextCursor: null });
      // Pages of one row: each page carries the whole report's total; the cursor walks both rows once.
      const first = await t.http.get('/inventory/reports/valuation').query({ itemId: item.id, limit: 1 }).set(admin);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ rowCount: 2, totalValue: '30.00' });
      expect(first.body.data).toHaveLength(1);
      expect(typeof first.body.nextCursor).toBe('string');
      const second = await t.http.get('/inventory/reports/valuation').query({ itemId: item.id, limit: 1, cursor: first.body.nextCursor }).set(admin);
      expect(second.body).toMatchObject({ rowCount: 2, totalValue: '30.00', nextCursor: null });
      expect([first.body.data[0].value, second.body.data[0].value].sort()).toEqual(['12.00', '18.00']);
      expect(second.body.data[0].warehouseId).not.toBe(first.body.data[0].warehouseId);
      const csv = await t.http.get('/inventory/reports/valuation').query({ itemId: item.id, limit: 1 }).set(admin).set('Accept', 'text/csv');
      expect(csv.status).toBe(200);
      expect(csv.text.trim().split('\n')).toHaveLength(3); // header + both rows, across pages
      const bad = await t.http.get('/inventory/reports/valuation').query({ cursor: 'bm90LWEtY3Vyc29y' }).set(admin);
      expect([bad.status, bad.body.code]).toEqual([400, 'invalid_cursor']);
      const one = await t.http.get('/inventory/reports/valuation').query({ itemId: item.id, warehouseId: other.id }).set(admin);
      expect(one.body.data).toHaveLength(1);
      const [pool] = await t.sql<{ quantity: string; value: string }>(`SELECT quantity, value FROM inv_item_valuations WHERE item_id = $1`, [item.id]);
      expect(pool).toEqual({ quantity: '5.000', value: '30.0000' });
    });
  });

  describe('concurrency', () => {
    it('50 parallel issues of 1 from two instances on a stock of 10: exactly 10 succeed, 40 get 409', async () => {
      const w = await newWarehouse(t);
      const item = await newItem(t);
      await receive(t, item.id, w.binA, '10', '3.0000');
      const second: NestFastifyApplication = await startApp(t.databaseUrl);
      try {
        const agents = [t.http, request(second.getHttpServer())];
        const results = await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            agents[i % 2].post('/inventory/stock-moves').set(admin).send({ kind: 'issue', itemId: item.id, fromLocationId: w.binA, quantity: '1', referenceType: 'invoice', referenceId: `INV-P-${i}` }),
          ),
        );
        const statuses = results.map((r) => r.status);
        expect(statuses.filter((s) => s === 201)).toHaveLength(10);
        expect(statuses.filter((s) => s === 409)).toHaveLength(40);
        expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'insufficient_stock')).toBe(true);
        expect(await onHand(t, item.id, w.binA)).toBeUndefined();
        const [level] = await t.sql<{ on_hand: string }>(`SELECT on_hand FROM inv_stock_levels WHERE item_id = $1 AND location_id = $2`, [item.id, w.binA]);
        expect(level.on_hand).toBe('0.000');
        expect(await ledgerSum(item.id, w.binA)).toBe('0.000');
        const [pool] = await t.sql<{ quantity: string; value: string }>(`SELECT quantity, value FROM inv_item_valuations WHERE item_id = $1`, [item.id]);
        expect(pool).toEqual({ quantity: '0.000', value: '0.0000' });
      } finally {
        await second.close();
      }
    });

    it('a SKU renamed while moves open new levels of the item: every move and the rename succeed, and every level ends with the new SKU', async () => {
      const w = await newWarehouse(t);
      const bins: string[] = [];
      for (let i = 0; i < 8; i++) {
        const res = await t.http.post(`/inventory/warehouses/${w.id}/locations`).set(admin).send({ code: `R-${i}`, name: `Bin R-${i}`, kind: 'bin', parentId: w.zone });
        expect(res.status).toBe(201);
        bins.push(res.body.id);
      }
      const item = await newItem(t);
      await receive(t, item.id, w.binA, '100');
      const renamed = `${item.sku}-R`;
      // Transfers into bins the item has never been in (each inserts a level row, checked against
      // the item's SKU) race the rename (which cascades to the rows already there); deadlocks retry.
      const results = await Promise.all([
        ...bins.map((bin) => t.http.post('/inventory/stock-moves').set(admin).send({ kind: 'transfer', itemId: item.id, fromLocationId: w.binA, toLocationId: bin, quantity: '2' })),
        t.http.patch(`/inventory/items/${item.id}`).set(admin).send({ sku: renamed }),
      ]);
      expect(results.map((r) => r.status)).toEqual([...bins.map(() => 201), 200]);
      const levels = await t.sql<{ sku: string; on_hand: string }>(`SELECT sku, on_hand::text FROM inv_stock_levels WHERE item_id = $1 ORDER BY on_hand`, [item.id]);
      expect(levels).toEqual([...bins.map(() => ({ sku: renamed, on_hand: '2.000' })), { sku: renamed, on_hand: '84.000' }]);
    });
  });
});
