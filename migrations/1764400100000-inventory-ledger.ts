import { MigrationInterface, QueryRunner } from 'typeorm';

export class InventoryLedger1764400100000 implements MigrationInterface {
  name = 'InventoryLedger1764400100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE inv_suppliers (
        id uuid PRIMARY KEY,
        name varchar(200) NOT NULL,
        contact_name varchar(200),
        contact_email varchar(254),
        phone varchar(32),
        tax_id varchar(50),
        currency char(3) NOT NULL CONSTRAINT ck_inv_suppliers_currency CHECK (currency ~ '^[A-Z]{3}$'),
        lead_time_days int NOT NULL DEFAULT 0 CONSTRAINT ck_inv_suppliers_lead_time CHECK (lead_time_days BETWEEN 0 AND 3650),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE INDEX ix_inv_suppliers_name ON inv_suppliers (name, id);

      CREATE TABLE inv_items (
        id uuid PRIMARY KEY,
        sku varchar(64) NOT NULL CONSTRAINT ck_inv_items_sku CHECK (sku ~ '^[A-Z0-9][A-Z0-9._-]*$'),
        name varchar(200) NOT NULL,
        description varchar(2000),
        unit_of_measure varchar(20) NOT NULL,
        category varchar(100),
        tracking text NOT NULL CONSTRAINT ck_inv_items_tracking CHECK (tracking IN ('none', 'lot', 'serial')),
        valuation_method text NOT NULL CONSTRAINT ck_inv_items_valuation_method CHECK (valuation_method IN ('moving_average', 'fifo')),
        reorder_point numeric(14, 3) CONSTRAINT ck_inv_items_reorder_point CHECK (reorder_point >= 0),
        reorder_quantity numeric(14, 3) CONSTRAINT ck_inv_items_reorder_quantity CHECK (reorder_quantity > 0),
        preferred_supplier_id uuid CONSTRAINT fk_inv_items_preferred_supplier REFERENCES inv_suppliers (id),
        active boolean NOT NULL DEFAULT true,
        below_reorder_point boolean NOT NULL DEFAULT false,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX uq_inv_items_sku ON inv_items (sku);
      CREATE INDEX ix_inv_items_name ON inv_items (name, id);
      CREATE INDEX ix_inv_items_category ON inv_items (category, sku, id);
      CREATE INDEX ix_inv_items_created_at ON inv_items (created_at, id);
      CREATE INDEX ix_inv_items_active ON inv_items (active, sku, id);
      CREATE INDEX ix_inv_items_preferred_supplier ON inv_items (preferred_supplier_id);
      CREATE INDEX ix_inv_items_reorder ON inv_items (id) WHERE reorder_point IS NOT NULL AND active;

      -- The company-wide valuation pool of an item; its row is the per-item lock for stock changes.
      CREATE TABLE inv_item_valuations (
        item_id uuid PRIMARY KEY CONSTRAINT fk_inv_item_valuations_item REFERENCES inv_items (id) ON DELETE CASCADE,
        quantity numeric(16, 3) NOT NULL DEFAULT 0 CONSTRAINT ck_inv_item_valuations_quantity CHECK (quantity >= 0),
        value numeric(20, 4) NOT NULL DEFAULT 0
      );

      CREATE TABLE inv_warehouses (
        id uuid PRIMARY KEY,
        code varchar(20) NOT NULL CONSTRAINT ck_inv_warehouses_code CHECK (code ~ '^[A-Z0-9][A-Z0-9_-]*$'),
        name varchar(200) NOT NULL,
        address varchar(500),
        active boolean NOT NULL DEFAULT true,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX uq_inv_warehouses_code ON inv_warehouses (code);
      CREATE INDEX ix_inv_warehouses_created_at ON inv_warehouses (created_at, id);

      CREATE TABLE inv_locations (
        id uuid PRIMARY KEY,
        warehouse_id uuid NOT NULL CONSTRAINT fk_inv_locations_warehouse REFERENCES inv_warehouses (id),
        parent_id uuid,
        code varchar(50) NOT NULL CONSTRAINT ck_inv_locations_code CHECK (code ~ '^[A-Z0-9][A-Z0-9._-]*$'),
        name varchar(200) NOT NULL,
        kind text NOT NULL CONSTRAINT ck_inv_locations_kind CHECK (kind IN ('zone', 'shelf', 'bin')),
        receivable boolean NOT NULL DEFAULT true,
        pickable boolean NOT NULL DEFAULT true,
        active boolean NOT NULL DEFAULT true,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT uq_inv_locations_code UNIQUE (warehouse_id, code),
        CONSTRAINT uq_inv_locations_id_warehouse UNIQUE (id, warehouse_id),
        -- The parent is in the same warehouse.
        CONSTRAINT fk_inv_locations_parent FOREIGN KEY (parent_id, warehouse_id) REFERENCES inv_locations (id, warehouse_id),
        CONSTRAINT ck_inv_locations_not_own_parent CHECK (parent_id IS NULL OR parent_id <> id)
      );
      CREATE INDEX ix_inv_locations_warehouse ON inv_locations (warehouse_id, code, id);
      CREATE INDEX ix_inv_locations_parent ON inv_locations (parent_id);

      CREATE TABLE inv_lots (
        id uuid PRIMARY KEY,
        item_id uuid NOT NULL CONSTRAINT fk_inv_lots_item REFERENCES inv_items (id),
        lot_number varchar(64) NOT NULL,
        expiry_date date,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT uq_inv_lots_number UNIQUE (item_id, lot_number)
      );

      CREATE TABLE inv_serials (
        id uuid PRIMARY KEY,
        item_id uuid NOT NULL CONSTRAINT fk_inv_serials_item REFERENCES inv_items (id),
        serial_number varchar(100) NOT NULL,
        status text NOT NULL CONSTRAINT ck_inv_serials_status CHECK (status IN ('in_stock', 'issued')),
        location_id uuid CONSTRAINT fk_inv_serials_location REFERENCES inv_locations (id),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT uq_inv_serials_number UNIQUE (item_id, serial_number),
        CONSTRAINT ck_inv_serials_location CHECK ((status = 'in_stock') = (location_id IS NOT NULL))
      );
      CREATE INDEX ix_inv_serials_location ON inv_serials (location_id, item_id) WHERE location_id IS NOT NULL;

      CREATE TABLE inv_stock_moves (
        id uuid PRIMARY KEY,
        kind text NOT NULL CONSTRAINT ck_inv_stock_moves_kind
          CHECK (kind IN ('receipt', 'issue', 'transfer', 'adjustment', 'count_correction', 'return')),
        item_id uuid NOT NULL CONSTRAINT fk_inv_stock_moves_item REFERENCES inv_items (id),
        quantity numeric(14, 3) NOT NULL CONSTRAINT ck_inv_stock_moves_quantity CHECK (quantity > 0),
        from_location_id uuid CONSTRAINT fk_inv_stock_moves_from REFERENCES inv_locations (id),
        to_location_id uuid CONSTRAINT fk_inv_stock_moves_to REFERENCES inv_locations (id),
        lot_id uuid CONSTRAINT fk_inv_stock_moves_lot REFERENCES inv_lots (id),
        serial_id uuid CONSTRAINT fk_inv_stock_moves_serial REFERENCES inv_serials (id),
        unit_cost numeric(18, 4),
        total_cost numeric(20, 4),
        reason varchar(500),
        reference_type text NOT NULL CONSTRAINT ck_inv_stock_moves_reference_type
          CHECK (reference_type IN ('purchase_order', 'invoice', 'credit_note', 'count', 'reservation', 'manual')),
        reference_id varchar(100),
        actor_key_id uuid,
        actor_key_name text NOT NULL,
        acting_user text,
        occurred_at timestamptz(3) NOT NULL,
        CONSTRAINT ck_inv_stock_moves_sides CHECK (
          CASE kind
            WHEN 'receipt' THEN to_location_id IS NOT NULL AND from_location_id IS NULL
            WHEN 'return' THEN to_location_id IS NOT NULL AND from_location_id IS NULL
            WHEN 'issue' THEN from_location_id IS NOT NULL AND to_location_id IS NULL
            WHEN 'transfer' THEN from_location_id IS NOT NULL AND to_location_id IS NOT NULL AND from_location_id <> to_location_id
            ELSE (from_location_id IS NULL) <> (to_location_id IS NULL)
          END),
        CONSTRAINT ck_inv_stock_moves_cost CHECK ((kind = 'transfer') = (total_cost IS NULL)),
        CONSTRAINT ck_inv_stock_moves_receipt_cost CHECK (kind <> 'receipt' OR unit_cost IS NOT NULL),
        CONSTRAINT ck_inv_stock_moves_adjustment_reason CHECK (kind <> 'adjustment' OR reason IS NOT NULL),
        CONSTRAINT ck_inv_stock_moves_serial_quantity CHECK (serial_id IS NULL OR quantity = 1)
      );
      CREATE INDEX ix_inv_stock_moves_item ON inv_stock_moves (item_id, occurred_at, id);
      CREATE INDEX ix_inv_stock_moves_to ON inv_stock_moves (to_location_id, item_id, occurred_at) INCLUDE (quantity) WHERE to_location_id IS NOT NULL;
      CREATE INDEX ix_inv_stock_moves_from ON inv_stock_moves (from_location_id, item_id, occurred_at) INCLUDE (quantity) WHERE from_location_id IS NOT NULL;
      CREATE INDEX ix_inv_stock_moves_reference ON inv_stock_moves (reference_type, reference_id, occurred_at, id);
      CREATE INDEX ix_inv_stock_moves_occurred_at ON inv_stock_moves (occurred_at, id);
      CREATE FUNCTION inv_stock_moves_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'inv_stock_moves is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER tr_inv_stock_moves_append_only BEFORE UPDATE OR DELETE ON inv_stock_moves
        FOR EACH ROW EXECUTE FUNCTION inv_stock_moves_append_only();
      CREATE TRIGGER tr_inv_stock_moves_no_truncate BEFORE TRUNCATE ON inv_stock_moves
        FOR EACH STATEMENT EXECUTE FUNCTION inv_stock_moves_append_only();

      CREATE TABLE inv_stock_levels (
        item_id uuid NOT NULL CONSTRAINT fk_inv_stock_levels_item REFERENCES inv_items (id),
        location_id uuid NOT NULL CONSTRAINT fk_inv_stock_levels_location REFERENCES inv_locations (id),
        on_hand numeric(16, 3) NOT NULL DEFAULT 0 CONSTRAINT ck_inv_stock_levels_on_hand CHECK (on_hand >= 0),
        reserved numeric(16, 3) NOT NULL DEFAULT 0 CONSTRAINT ck_inv_stock_levels_reserved CHECK (reserved >= 0),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (item_id, location_id)
      );
      CREATE INDEX ix_inv_stock_levels_location ON inv_stock_levels (location_id, item_id);

      CREATE TABLE inv_lot_levels (
        item_id uuid NOT NULL CONSTRAINT fk_inv_lot_levels_item REFERENCES inv_items (id),
        location_id uuid NOT NULL CONSTRAINT fk_inv_lot_levels_location REFERENCES inv_locations (id),
        lot_id uuid NOT NULL CONSTRAINT fk_inv_lot_levels_lot REFERENCES inv_lots (id),
        on_hand numeric(16, 3) NOT NULL DEFAULT 0 CONSTRAINT ck_inv_lot_levels_on_hand CHECK (on_hand >= 0),
        PRIMARY KEY (item_id, location_id, lot_id)
      );
      CREATE INDEX ix_inv_lot_levels_lot ON inv_lot_levels (lot_id);

      -- FIFO cost layers: what is left of each receipt, consumed oldest first.
      CREATE TABLE inv_cost_layers (
        move_id uuid PRIMARY KEY CONSTRAINT fk_inv_cost_layers_move REFERENCES inv_stock_moves (id),
        item_id uuid NOT NULL CONSTRAINT fk_inv_cost_layers_item REFERENCES inv_items (id),
        received_at timestamptz(3) NOT NULL,
        unit_cost numeric(18, 4) NOT NULL,
        remaining numeric(14, 3) NOT NULL CONSTRAINT ck_inv_cost_layers_remaining CHECK (remaining >= 0)
      );
      CREATE INDEX ix_inv_cost_layers_open ON inv_cost_layers (item_id, received_at, move_id) WHERE remaining > 0;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE inv_cost_layers;
      DROP TABLE inv_lot_levels;
      DROP TABLE inv_stock_levels;
      DROP TABLE inv_stock_moves;
      DROP FUNCTION inv_stock_moves_append_only();
      DROP TABLE inv_serials;
      DROP TABLE inv_lots;
      DROP TABLE inv_locations;
      DROP TABLE inv_warehouses;
      DROP TABLE inv_item_valuations;
      DROP TABLE inv_items;
      DROP TABLE inv_suppliers;
    `);
  }
}
