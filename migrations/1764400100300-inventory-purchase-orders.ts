import { MigrationInterface, QueryRunner } from 'typeorm';

export class InventoryPurchaseOrders1764400100300 implements MigrationInterface {
  name = 'InventoryPurchaseOrders1764400100300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- Human numbers PO-<year>-000001; gaps are allowed (a rolled-back insert spends a number).
      CREATE SEQUENCE inv_purchase_order_number_seq;

      CREATE TABLE inv_purchase_orders (
        id uuid PRIMARY KEY,
        number text NOT NULL DEFAULT 'PO-' || to_char(now() AT TIME ZONE 'UTC', 'YYYY') || '-' || lpad(nextval('inv_purchase_order_number_seq')::text, 6, '0'),
        supplier_id uuid NOT NULL CONSTRAINT fk_inv_purchase_orders_supplier REFERENCES inv_suppliers (id),
        status text NOT NULL CONSTRAINT ck_inv_purchase_orders_status
          CHECK (status IN ('draft', 'ordered', 'partially_received', 'received', 'cancelled')),
        currency char(3) NOT NULL CONSTRAINT ck_inv_purchase_orders_currency CHECK (currency ~ '^[A-Z]{3}$'),
        over_receipt_tolerance_percent numeric(5, 2) NOT NULL DEFAULT 0
          CONSTRAINT ck_inv_purchase_orders_tolerance CHECK (over_receipt_tolerance_percent BETWEEN 0 AND 100),
        expected_date date,
        note varchar(1000),
        ordered_at timestamptz(3),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX uq_inv_purchase_orders_number ON inv_purchase_orders (number);
      CREATE INDEX ix_inv_purchase_orders_supplier ON inv_purchase_orders (supplier_id, created_at, id);
      CREATE INDEX ix_inv_purchase_orders_status ON inv_purchase_orders (status, created_at, id);
      CREATE INDEX ix_inv_purchase_orders_created_at ON inv_purchase_orders (created_at, id);

      CREATE TABLE inv_purchase_order_lines (
        id uuid PRIMARY KEY,
        purchase_order_id uuid NOT NULL CONSTRAINT fk_inv_purchase_order_lines_order REFERENCES inv_purchase_orders (id) ON DELETE CASCADE,
        line_no int NOT NULL,
        item_id uuid NOT NULL CONSTRAINT fk_inv_purchase_order_lines_item REFERENCES inv_items (id),
        quantity numeric(14, 3) NOT NULL CONSTRAINT ck_inv_purchase_order_lines_quantity CHECK (quantity > 0),
        unit_cost numeric(18, 4) NOT NULL CONSTRAINT ck_inv_purchase_order_lines_unit_cost CHECK (unit_cost >= 0),
        received_quantity numeric(14, 3) NOT NULL DEFAULT 0 CONSTRAINT ck_inv_purchase_order_lines_received CHECK (received_quantity >= 0),
        CONSTRAINT uq_inv_purchase_order_lines_no UNIQUE (purchase_order_id, line_no)
      );
      CREATE INDEX ix_inv_purchase_order_lines_item ON inv_purchase_order_lines (item_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE inv_purchase_order_lines;
      DROP TABLE inv_purchase_orders;
      DROP SEQUENCE inv_purchase_order_number_seq;
    `);
  }
}
