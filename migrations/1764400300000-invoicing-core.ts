import { MigrationInterface, QueryRunner } from 'typeorm';

export class InvoicingCore1764400300000 implements MigrationInterface {
  name = 'InvoicingCore1764400300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- The seller (our company): every change is a new row; the highest version is current.
      CREATE TABLE invc_seller_profiles (
        id uuid PRIMARY KEY,
        version_no int NOT NULL CONSTRAINT ck_invc_seller_profiles_version_no CHECK (version_no > 0),
        legal_name varchar(200) NOT NULL,
        vat_id varchar(30),
        company_id varchar(50),
        address jsonb NOT NULL,
        email varchar(254),
        phone varchar(50),
        iban varchar(34) NOT NULL,
        bic varchar(11),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT uq_invc_seller_profiles_version_no UNIQUE (version_no)
      );

      CREATE TABLE invc_customers (
        id uuid PRIMARY KEY,
        legal_name varchar(200) NOT NULL,
        trading_name varchar(200),
        vat_id varchar(30),
        tax_id varchar(50),
        company_id varchar(50),
        billing_address jsonb NOT NULL,
        email varchar(254),
        currency char(3) NOT NULL CONSTRAINT ck_invc_customers_currency CHECK (currency ~ '^[A-Z]{3}$'),
        payment_terms_days int NOT NULL CONSTRAINT ck_invc_customers_payment_terms CHECK (payment_terms_days BETWEEN 0 AND 365),
        credit_limit numeric(14, 2) CONSTRAINT ck_invc_customers_credit_limit CHECK (credit_limit >= 0),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE INDEX ix_invc_customers_legal_name ON invc_customers (legal_name, id);
      CREATE INDEX ix_invc_customers_created_at ON invc_customers (created_at, id);
      CREATE INDEX ix_invc_customers_legal_name_prefix ON invc_customers (lower(legal_name) text_pattern_ops);
      CREATE INDEX ix_invc_customers_trading_name_prefix ON invc_customers (lower(trading_name) text_pattern_ops);

      CREATE TABLE invc_tax_categories (
        id uuid PRIMARY KEY,
        code text NOT NULL CONSTRAINT ck_invc_tax_categories_code CHECK (code IN ('S', 'Z', 'E', 'AE', 'K', 'G', 'O', 'L', 'M')),
        rate numeric(5, 2) NOT NULL CONSTRAINT ck_invc_tax_categories_rate CHECK (rate >= 0 AND rate < 100),
        name varchar(100) NOT NULL,
        exemption_reason varchar(300),
        exemption_reason_code varchar(30),
        valid_from date NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT ck_invc_tax_categories_zero_rate CHECK (code NOT IN ('Z', 'E', 'AE', 'K', 'G', 'O') OR rate = 0),
        CONSTRAINT ck_invc_tax_categories_standard_rate CHECK (code <> 'S' OR rate > 0),
        CONSTRAINT ck_invc_tax_categories_exemption CHECK (code NOT IN ('E', 'AE', 'K', 'G', 'O') OR exemption_reason IS NOT NULL OR exemption_reason_code IS NOT NULL),
        CONSTRAINT uq_invc_tax_categories UNIQUE (code, rate, valid_from)
      );
      CREATE INDEX ix_invc_tax_categories_code ON invc_tax_categories (code, id);

      CREATE TABLE invc_products (
        id uuid PRIMARY KEY,
        code varchar(50) NOT NULL CONSTRAINT ck_invc_products_code CHECK (code ~ '^[A-Z0-9][A-Z0-9._-]*$'),
        name varchar(200) NOT NULL,
        unit_code varchar(3) NOT NULL CONSTRAINT ck_invc_products_unit_code CHECK (unit_code ~ '^[A-Z0-9]{2,3}$'),
        unit_price numeric(18, 4) NOT NULL CONSTRAINT ck_invc_products_unit_price CHECK (unit_price >= 0),
        tax_category_id uuid NOT NULL CONSTRAINT fk_invc_products_tax_category REFERENCES invc_tax_categories (id),
        inventory_item_id uuid,
        stock_location_id uuid,
        active boolean NOT NULL DEFAULT true,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT ck_invc_products_stock CHECK ((inventory_item_id IS NULL) = (stock_location_id IS NULL))
      );
      CREATE UNIQUE INDEX uq_invc_products_code ON invc_products (code);
      CREATE INDEX ix_invc_products_tax_category ON invc_products (tax_category_id);

      CREATE TABLE invc_series (
        id uuid PRIMARY KEY,
        code varchar(20) NOT NULL CONSTRAINT ck_invc_series_code CHECK (code ~ '^[A-Z0-9][A-Z0-9_-]*$'),
        name varchar(200) NOT NULL,
        pattern varchar(60) NOT NULL,
        yearly_reset boolean NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX uq_invc_series_code ON invc_series (code);

      -- Gapless numbering: one counter row per series and year (0 without yearly reset), taken
      -- with UPDATE ... RETURNING in the issuing transaction, so a rollback gives the number back.
      CREATE TABLE invc_series_counters (
        series_id uuid NOT NULL CONSTRAINT fk_invc_series_counters_series REFERENCES invc_series (id),
        year int NOT NULL,
        next_value bigint NOT NULL CONSTRAINT ck_invc_series_counters_next CHECK (next_value > 0),
        PRIMARY KEY (series_id, year)
      );

      CREATE TABLE invc_invoices (
        id uuid PRIMARY KEY,
        status text NOT NULL CONSTRAINT ck_invc_invoices_status CHECK (status IN ('draft', 'issued')),
        series_id uuid NOT NULL CONSTRAINT fk_invc_invoices_series REFERENCES invc_series (id),
        customer_id uuid NOT NULL CONSTRAINT fk_invc_invoices_customer REFERENCES invc_customers (id),
        currency char(3) NOT NULL CONSTRAINT ck_invc_invoices_currency CHECK (currency ~ '^[A-Z]{3}$'),
        number text,
        issue_date date,
        due_date date,
        buyer_reference varchar(200),
        order_reference varchar(200),
        note varchar(2000),
        line_total numeric(18, 4) NOT NULL,
        allowance_total numeric(18, 4) NOT NULL,
        charge_total numeric(18, 4) NOT NULL,
        tax_exclusive_amount numeric(18, 4) NOT NULL,
        tax_total numeric(18, 4) NOT NULL,
        tax_inclusive_amount numeric(18, 4) NOT NULL,
        prepaid_amount numeric(18, 4) NOT NULL CONSTRAINT ck_invc_invoices_prepaid CHECK (prepaid_amount >= 0),
        payable_amount numeric(18, 4) NOT NULL,
        tax_breakdown jsonb NOT NULL,
        customer_snapshot jsonb,
        seller_snapshot jsonb,
        issued_at timestamptz(3),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT ck_invc_invoices_issued CHECK (
          (status = 'draft' AND number IS NULL AND issue_date IS NULL AND issued_at IS NULL)
          OR (status <> 'draft' AND number IS NOT NULL AND issue_date IS NOT NULL AND due_date IS NOT NULL AND issued_at IS NOT NULL
              AND customer_snapshot IS NOT NULL AND seller_snapshot IS NOT NULL)),
        CONSTRAINT ck_invc_invoices_due_date CHECK (due_date >= issue_date)
      );
      CREATE UNIQUE INDEX uq_invc_invoices_number ON invc_invoices (series_id, number);
      CREATE INDEX ix_invc_invoices_created_at ON invc_invoices (created_at, id);
      CREATE INDEX ix_invc_invoices_status ON invc_invoices (status, created_at, id);
      CREATE INDEX ix_invc_invoices_customer ON invc_invoices (customer_id, created_at, id);

      CREATE TABLE invc_invoice_lines (
        id uuid PRIMARY KEY,
        invoice_id uuid NOT NULL CONSTRAINT fk_invc_invoice_lines_invoice REFERENCES invc_invoices (id) ON DELETE CASCADE,
        line_no int NOT NULL,
        product_id uuid CONSTRAINT fk_invc_invoice_lines_product REFERENCES invc_products (id),
        description varchar(500) NOT NULL,
        quantity numeric(16, 4) NOT NULL CONSTRAINT ck_invc_invoice_lines_quantity CHECK (quantity > 0),
        unit_code varchar(3) NOT NULL,
        unit_price numeric(18, 4) NOT NULL CONSTRAINT ck_invc_invoice_lines_unit_price CHECK (unit_price >= 0),
        allowance numeric(18, 4) NOT NULL CONSTRAINT ck_invc_invoice_lines_allowance CHECK (allowance >= 0),
        tax_category_id uuid NOT NULL CONSTRAINT fk_invc_invoice_lines_tax_category REFERENCES invc_tax_categories (id),
        net_amount numeric(18, 4) NOT NULL,
        inventory_item_id uuid,
        stock_location_id uuid,
        CONSTRAINT uq_invc_invoice_lines_no UNIQUE (invoice_id, line_no)
      );
      CREATE INDEX ix_invc_invoice_lines_product ON invc_invoice_lines (product_id);
      CREATE INDEX ix_invc_invoice_lines_tax_category ON invc_invoice_lines (tax_category_id);

      CREATE TABLE invc_invoice_allowance_charges (
        id uuid PRIMARY KEY,
        invoice_id uuid NOT NULL CONSTRAINT fk_invc_invoice_allowance_charges_invoice REFERENCES invc_invoices (id) ON DELETE CASCADE,
        seq int NOT NULL,
        charge_indicator boolean NOT NULL,
        amount numeric(18, 4) NOT NULL CONSTRAINT ck_invc_invoice_allowance_charges_amount CHECK (amount >= 0),
        reason varchar(300) NOT NULL,
        tax_category_id uuid NOT NULL CONSTRAINT fk_invc_invoice_allowance_charges_tax_category REFERENCES invc_tax_categories (id),
        CONSTRAINT uq_invc_invoice_allowance_charges_seq UNIQUE (invoice_id, seq)
      );
      CREATE INDEX ix_invc_invoice_allowance_charges_tax_category ON invc_invoice_allowance_charges (tax_category_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE invc_invoice_allowance_charges;
      DROP TABLE invc_invoice_lines;
      DROP TABLE invc_invoices;
      DROP TABLE invc_series_counters;
      DROP TABLE invc_series;
      DROP TABLE invc_products;
      DROP TABLE invc_tax_categories;
      DROP TABLE invc_customers;
      DROP TABLE invc_seller_profiles;
    `);
  }
}
