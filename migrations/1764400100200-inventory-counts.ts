import { MigrationInterface, QueryRunner } from 'typeorm';

export class InventoryCounts1764400100200 implements MigrationInterface {
  name = 'InventoryCounts1764400100200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE inv_counts (
        id uuid PRIMARY KEY,
        location_id uuid NOT NULL CONSTRAINT fk_inv_counts_location REFERENCES inv_locations (id),
        status text NOT NULL CONSTRAINT ck_inv_counts_status CHECK (status IN ('open', 'posted', 'cancelled')),
        note varchar(500),
        posted_at timestamptz(3),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT ck_inv_counts_posted_at CHECK ((status = 'posted') = (posted_at IS NOT NULL))
      );
      -- One open count per location at a time.
      CREATE UNIQUE INDEX uq_inv_counts_open_location ON inv_counts (location_id) WHERE status = 'open';
      CREATE INDEX ix_inv_counts_location ON inv_counts (location_id, created_at, id);
      CREATE INDEX ix_inv_counts_created_at ON inv_counts (created_at, id);

      CREATE TABLE inv_count_lines (
        id uuid PRIMARY KEY,
        count_id uuid NOT NULL CONSTRAINT fk_inv_count_lines_count REFERENCES inv_counts (id),
        item_id uuid NOT NULL CONSTRAINT fk_inv_count_lines_item REFERENCES inv_items (id),
        lot_number varchar(64),
        counted_quantity numeric(14, 3) NOT NULL CONSTRAINT ck_inv_count_lines_counted CHECK (counted_quantity >= 0),
        expected_quantity numeric(14, 3),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX uq_inv_count_lines_item ON inv_count_lines (count_id, item_id, COALESCE(lot_number, ''));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE inv_count_lines;
      DROP TABLE inv_counts;
    `);
  }
}
