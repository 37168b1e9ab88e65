import { MigrationInterface, QueryRunner } from 'typeorm';

export class InvoicingElectronicAddress1764400800000 implements MigrationInterface {
  name = 'InvoicingElectronicAddress1764400800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- Peppol electronic address (EN 16931 BT-49 buyer, BT-34 seller): an EAS scheme code and an
      -- identifier in it, both or neither. The scheme list and identifier formats are checked by the API.
      ALTER TABLE invc_customers
        ADD COLUMN electronic_address_scheme varchar(4)
          CONSTRAINT ck_invc_customers_electronic_address_scheme CHECK (electronic_address_scheme ~ '^[0-9]{4}$'),
        ADD COLUMN electronic_address_id varchar(100)
          CONSTRAINT ck_invc_customers_electronic_address_id CHECK (electronic_address_id <> '' AND electronic_address_id = btrim(electronic_address_id)),
        ADD CONSTRAINT ck_invc_customers_electronic_address CHECK ((electronic_address_scheme IS NULL) = (electronic_address_id IS NULL));

      ALTER TABLE invc_seller_profiles
        ADD COLUMN electronic_address_scheme varchar(4)
          CONSTRAINT ck_invc_seller_profiles_electronic_address_scheme CHECK (electronic_address_scheme ~ '^[0-9]{4}$'),
        ADD COLUMN electronic_address_id varchar(100)
          CONSTRAINT ck_invc_seller_profiles_electronic_address_id CHECK (electronic_address_id <> '' AND electronic_address_id = btrim(electronic_address_id)),
        ADD CONSTRAINT ck_invc_seller_profiles_electronic_address CHECK ((electronic_address_scheme IS NULL) = (electronic_address_id IS NULL));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE invc_seller_profiles DROP CONSTRAINT ck_invc_seller_profiles_electronic_address, DROP COLUMN electronic_address_id, DROP COLUMN electronic_address_scheme;
      ALTER TABLE invc_customers DROP CONSTRAINT ck_invc_customers_electronic_address, DROP COLUMN electronic_address_id, DROP COLUMN electronic_address_scheme;
    `);
  }
}
