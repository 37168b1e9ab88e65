import { MigrationInterface, QueryRunner } from 'typeorm';

export class InventoryReservations1764400100100 implements MigrationInterface {
  name = 'InventoryReservations1764400100100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE inv_reservations (
        id uuid PRIMARY KEY,
        item_id uuid NOT NULL CONSTRAINT fk_inv_reservations_item REFERENCES inv_items (id),
        location_id uuid NOT NULL CONSTRAINT fk_inv_reservations_location REFERENCES inv_locations (id),
        quantity numeric(14, 3) NOT NULL CONSTRAINT ck_inv_reservations_quantity CHECK (quantity > 0),
        reference_type text NOT NULL CONSTRAINT ck_inv_reservations_reference_type CHECK (reference_type IN ('invoice', 'manual')),
        reference_id varchar(100),
        expires_at timestamptz(3) NOT NULL,
        status text NOT NULL CONSTRAINT ck_inv_reservations_status CHECK (status IN ('active', 'released', 'consumed', 'expired')),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE INDEX ix_inv_reservations_due ON inv_reservations (expires_at) WHERE status = 'active';
      CREATE INDEX ix_inv_reservations_item ON inv_reservations (item_id, created_at, id);
      CREATE INDEX ix_inv_reservations_reference ON inv_reservations (reference_id, created_at, id);
      CREATE INDEX ix_inv_reservations_status ON inv_reservations (status, created_at, id);
      CREATE INDEX ix_inv_reservations_created_at ON inv_reservations (created_at, id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE inv_reservations;`);
  }
}
