import { MAX_COUNT_LINES } from '../../src/modules/inventory/counts/dto/count.dto';
import { MAX_LOTS_PER_LEVEL } from '../../src/modules/inventory/stock/dto/stock.dto';
import { newItem, newWarehouse, onHand, receive } from '../support/inventory';
import { bearer, createTestApp, TestApp } from '../support/test-app';

/** Lists the API documents with maxItems stay within it: the caps are enforced, not just stated. */
describe('inventory: bounded lists (OWASP API4)', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    admin = bearer(t.adminKey);
  });
  afterAll(() => t.close());

  it(`a count holds at most ${MAX_COUNT_LINES} lines: one more is 422 on lines, a recount of a line already there is fine`, async () => {
    const w = await newWarehouse(t);
    const count = await t.http.post('/inventory/counts').set(admin).send({ locationId: w.binA });
    expect(count.status).toBe(201);
    await t.sql(
      `WITH items AS (
         INSERT INTO inv_items (id, sku, name, unit_of_measure, tracking, valuation_method)
         SELECT gen_random_uuid(), 'CAP-' || n, 'Cap ' || n, 'pcs', 'none', 'fifo' FROM generate_series(1, $2::int) n RETURNING id)
       INSERT INTO inv_count_lines (id, count_id, item_id, counted_quantity) SELECT gen_random_uuid(), $1, id, 1 FROM items`,
      [count.body.id, MAX_COUNT_LINES - 1],
    );
    const last = await newItem(t);
    const fill = await t.http.post(`/inventory/counts/${count.body.id}/lines`).set(admin).send({ lines: [{ itemId: last.id, countedQuantity: '2' }] });
    expect(fill.status).toBe(200);
    const extra = await newItem(t);
    const over = await t.http.post(`/inventory/counts/${count.body.id}/lines`).set(admin).send({ lines: [{ itemId: extra.id, countedQuantity: '1' }] });
    expect([over.status, over.body.code, over.body.errors.map((e: { field: string }) => e.field)]).toEqual([422, 'validation_failed', ['lines']]);
    const recount = await t.http.post(`/inventory/counts/${count.body.id}/lines`).set(admin).send({ lines: [{ itemId: last.id, countedQuantity: '3' }] });
    expect(recount.status).toBe(200);
    expect(Number((await t.sql<{ n: string }>('SELECT count(*) AS n FROM inv_count_lines WHERE count_id = $1', [count.body.id]))[0].n)).toBe(MAX_COUNT_LINES);
  });

  it(`a stock level lists at most ${MAX_LOTS_PER_LEVEL} lots, the earliest expiring`, async () => {
    const w = await newWarehouse(t);
    const item = await newItem(t, { tracking: 'lot', valuationMethod: 'fifo' });
    await receive(t, item.id, w.binA, '1', '1.00', { lotNumber: 'L-FIRST', expiryDate: '2027-01-01' });
    // More lots straight into the balance tables (the ledger path is covered elsewhere; this is about the listing).
    await t.sql(
      `WITH lots AS (
         INSERT INTO inv_lots (id, item_id, lot_number, expiry_date)
         SELECT gen_random_uuid(), $1, 'L-' || lpad(n::text, 4, '0'), DATE '2028-01-01' + n FROM generate_series(1, $3::int) n RETURNING id)
       INSERT INTO inv_lot_levels (item_id, location_id, lot_id, on_hand) SELECT $1, $2, id, 1 FROM lots`,
      [item.id, w.binA, MAX_LOTS_PER_LEVEL + 5],
    );
    const level = await onHand(t, item.id, w.binA);
    expect(level!.lots).toHaveLength(MAX_LOTS_PER_LEVEL);
    expect(level!.lots[0].lotNumber).toBe('L-FIRST');
    expect(level!.lots[MAX_LOTS_PER_LEVEL - 1].lotNumber).toBe(`L-${String(MAX_LOTS_PER_LEVEL - 1).padStart(4, '0')}`);
  });
});
