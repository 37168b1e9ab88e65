import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Current stock at a location pages by SKU (`GET /inventory/stock?locationId=`). Without the SKU
 * on the level row, PostgreSQL either walks every item in SKU order probing the location (slow
 * for a location that holds few of many items) or sorts every level of the location (slow for a
 * location that holds many), and has to plan the choice on every call. With it, one index range
 * on (location_id, sku) serves any location in page order, so the page's cost follows its size.
 *
 * The copy cannot drift: (item_id, sku) references inv_items (id, sku) ON UPDATE CASCADE, so an
 * item's new SKU reaches its levels in the same statement, and a level with any other SKU is
 * refused.
 */
export class InventoryLevelSku1764400100400 implements MigrationInterface {
  name = 'InventoryLevelSku1764400100400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE inv_items ADD CONSTRAINT uq_inv_items_id_sku UNIQUE (id, sku);
      ALTER TABLE inv_stock_levels ADD COLUMN sku varchar(64);
      UPDATE inv_stock_levels s SET sku = i.sku FROM inv_items i WHERE i.id = s.item_id;
      ALTER TABLE inv_stock_levels ALTER COLUMN sku SET NOT NULL,
        ADD CONSTRAINT fk_inv_stock_levels_item_sku FOREIGN KEY (item_id, sku) REFERENCES inv_items (id, sku) ON UPDATE CASCADE;
      -- Replaces (location_id, item_id): it serves every lookup by location as well, in page order.
      DROP INDEX ix_inv_stock_levels_location;
      CREATE INDEX ix_inv_stock_levels_location_sku ON inv_stock_levels (location_id, sku);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX ix_inv_stock_levels_location_sku;
      CREATE INDEX ix_inv_stock_levels_location ON inv_stock_levels (location_id, item_id);
      ALTER TABLE inv_stock_levels DROP CONSTRAINT fk_inv_stock_levels_item_sku, DROP COLUMN sku;
      ALTER TABLE inv_items DROP CONSTRAINT uq_inv_items_id_sku;
    `);
  }
}
